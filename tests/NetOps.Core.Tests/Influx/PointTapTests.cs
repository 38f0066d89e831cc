using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Metrics;

namespace NetOps.Core.Tests.Influx;

public sealed class PointTapTests
{
    [Fact]
    public void Nothing_is_copied_until_a_reader_listens_and_then_only_its_measurements()
    {
        var metrics = new NetOpsMetrics();
        var tap = new PointTap(metrics);
        tap.Offer(new Point(Measurements.Event, 1).Field("message", "before"));
        var reader = tap.Listen(Measurements.Event);
        tap.Offer(new Point(Measurements.Flow, 2).Field("bytes", 1L));
        tap.Offer(new Point(Measurements.Event, 3).Field("message", "after"));
        Assert.True(reader.TryRead(out var p));
        Assert.Equal(3, p.TimestampNs);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void A_full_channel_drops_the_copy_and_counts_it()
    {
        var metrics = new NetOpsMetrics();
        var tap = new PointTap(metrics);
        tap.Listen(Measurements.Event);
        for (int i = 0; i < PointTap.Capacity + 5; i++) tap.Offer(new Point(Measurements.Event, i).Field("message", "x"));
        Assert.Equal(5, metrics.TapPointsDropped.Value);
    }
}
