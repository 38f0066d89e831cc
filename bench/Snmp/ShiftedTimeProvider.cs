namespace NetOps.Bench.Snmp;

/// <summary>
/// The system clock moved forward on demand: the poller sees its next interval come at once, while its timeouts and
/// timers still run in real time.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
