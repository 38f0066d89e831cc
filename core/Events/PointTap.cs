using System.Threading.Channels;
using NetOps.Core.Influx;
using NetOps.Core.Metrics;

namespace NetOps.Core.Events;

/// <summary>
/// Hands the points the collector writes to a part in the same process (the analyzer's real-time failover path),
/// on a bounded channel: a full channel drops the copy (counted as <c>netops_tap_points_dropped_total</c>), never the
/// write to InfluxDB. Nothing is copied until a reader calls <see cref="Listen"/>.
/// </summary>
public sealed class PointTap(NetOpsMetrics metrics)
{
    /// <summary>Points the channel holds before copies are dropped.</summary>
    public const int Capacity = 65_536;

    private readonly Channel<Point> _channel = Channel.CreateBounded<Point>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait, SingleReader = true,
    });
    private volatile HashSet<string>? _measurements;

    /// <summary>True once a reader listens.</summary>
    public bool IsListening => _measurements is not null;

    /// <summary>Starts copying points of <paramref name="measurements"/>; answers the reader of the copies. One reader per process.</summary>
    public ChannelReader<Point> Listen(params string[] measurements)
    {
        _measurements = new HashSet<string>(measurements, StringComparer.Ordinal);
        return _channel.Reader;
    }

    /// <summary>Copies the point to the reader if one listens for its measurement; never waits.</summary>
    public void Offer(Point point)
    {
        var wanted = _measurements;
        if (wanted is null || !wanted.Contains(point.Measurement)) return;
        if (!_channel.Writer.TryWrite(point)) metrics.TapPointsDropped.Inc();
    }
}
