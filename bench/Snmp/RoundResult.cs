namespace NetOps.Bench.Snmp;

/// <summary>One round of polls: how many, how many failed, the wall time, the poller's CPU and snmpsim's in that time.</summary>
public sealed record RoundResult(int Polls, int Failed, TimeSpan Wall, TimeSpan PollerCpu, TimeSpan SimulatorCpu, string? FirstFailure)
{
    public double PollsPerSecond => Polls / Wall.TotalSeconds;
    public double PollerCpuMsPerPoll => PollerCpu.TotalMilliseconds / Polls;
    public double SimulatorCpuMsPerPoll => SimulatorCpu.TotalMilliseconds / Polls;
    /// <summary>snmpsim's share of one core while the round ran (near 1: it is the bottleneck).</summary>
    public double SimulatorBusy => SimulatorCpu / Wall;
}
