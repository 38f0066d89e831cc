namespace NetOps.Simulator;

/// <summary>What the simulator sent, for the periodic status line and the summary.</summary>
public sealed class SimulatorStats
{
    private long _udp, _tcp, _tcpFallbacks, _errors, _drills;

    public long Udp => Interlocked.Read(ref _udp);
    public long Tcp => Interlocked.Read(ref _tcp);
    public long TcpFallbacks => Interlocked.Read(ref _tcpFallbacks);
    public long Errors => Interlocked.Read(ref _errors);
    public long Drills => Interlocked.Read(ref _drills);

    public void SentUdp() => Interlocked.Increment(ref _udp);
    public void SentTcp() => Interlocked.Increment(ref _tcp);
    public void FellBackToUdp() => Interlocked.Increment(ref _tcpFallbacks);
    public void Failed() => Interlocked.Increment(ref _errors);
    public void DrillStarted() => Interlocked.Increment(ref _drills);

    public override string ToString() =>
        $"sent {Udp + Tcp} messages (udp {Udp}, tcp {Tcp}), {Drills} drills, {TcpFallbacks} tcp fallbacks, {Errors} send errors";
}
