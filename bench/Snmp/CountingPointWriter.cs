using NetOps.Core.Influx;

namespace NetOps.Bench.Snmp;

/// <summary>Counts the poller's points and drops them: InfluxDB is not what is measured.</summary>
public sealed class CountingPointWriter : IPointWriter
{
    private long _points;

    public long Points => Interlocked.Read(ref _points);

    public bool TryWrite(Point point)
    {
        Interlocked.Increment(ref _points);
        return true;
    }

    public ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _points);
        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
