namespace NetOps.Bench.Ingest;

/// <summary>What one <see cref="UdpBlaster"/> run achieved.</summary>
/// <param name="TargetRate">Messages per second asked for.</param>
/// <param name="Sent">Datagrams the kernel accepted.</param>
/// <param name="Elapsed">From the first send to the end of the run.</param>
/// <param name="SendErrors">Sends that failed (e.g. ECONNREFUSED while nothing listened yet).</param>
public sealed record BlastResult(int TargetRate, long Sent, TimeSpan Elapsed, long SendErrors)
{
    public double AchievedRate => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;

    /// <summary>The sender is "at rate" within 2 %: sleep granularity and a busy second core cost a little.</summary>
    public bool ReachedTarget => AchievedRate >= TargetRate * 0.98;
}
