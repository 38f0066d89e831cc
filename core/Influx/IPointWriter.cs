namespace NetOps.Core.Influx;

/// <summary>
/// The durable write path into InfluxDB. Accepted points are batched, put on disk (the spool) within
/// <c>Influx:FlushIntervalMs</c>, written to InfluxDB, and replayed in order after an outage.
/// </summary>
public interface IPointWriter
{
    /// <summary>Accepts a point without waiting; false when the queue is full (the caller counts the drop).</summary>
    bool TryWrite(Point point);

    /// <summary>Accepts a point, waiting while the queue is full (backpressure).</summary>
    ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default);

    /// <summary>Completes when every point accepted before the call is on disk or in InfluxDB.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
