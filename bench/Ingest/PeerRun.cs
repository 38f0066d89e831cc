namespace NetOps.Bench.Ingest;

/// <summary>One peer's measured run at one rate.</summary>
/// <param name="Blast">What the sender sent.</param>
/// <param name="Stored">Messages the peer stored (rsyslog: lines in its file; NetOps: sum of <c>firewall.count</c>).</param>
/// <param name="KernelDrops">Growth of the kernel's UDP RcvbufErrors during the run (socket buffer full).</param>
/// <param name="Usage">The peer's memory and CPU.</param>
/// <param name="Counters">NetOps' own received/dropped counts (null for rsyslog).</param>
public sealed record PeerRun(BlastResult Blast, long Stored, long KernelDrops, ProcessUsage Usage, SyslogCounters? Counters = null)
{
    public double StoredShare => Blast.Sent > 0 ? (double)Stored / Blast.Sent : 0;
}
