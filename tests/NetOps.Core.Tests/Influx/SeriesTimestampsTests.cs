using Microsoft.Extensions.Time.Testing;
using NetOps.Core.Influx;

namespace NetOps.Core.Tests.Influx;

public sealed class SeriesTimestampsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2025-04-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Two_events_of_the_same_second_in_one_series_get_consecutive_nanoseconds()
    {
        var ts = new SeriesTimestamps(_time);
        var a = Event("link_down", 1_000_000_000);
        var b = Event("link_down", 1_000_000_000);
        Assert.False(ts.MakeUnique(a));
        Assert.True(ts.MakeUnique(b));
        Assert.Equal(1_000_000_000, a.TimestampNs);
        Assert.Equal(1_000_000_001, b.TimestampNs);
    }

    [Fact]
    public void Points_of_different_series_keep_their_timestamps()
    {
        var ts = new SeriesTimestamps(_time);
        var a = Event("link_down", 5);
        var b = Event("link_up", 5);
        ts.MakeUnique(a);
        Assert.False(ts.MakeUnique(b));
        Assert.Equal(5, b.TimestampNs);
    }

    [Fact]
    public void A_moved_point_skips_every_timestamp_already_used()
    {
        var ts = new SeriesTimestamps(_time);
        foreach (var t in new long[] { 10, 11, 12 }) ts.MakeUnique(Event("x", t));
        var p = Event("x", 10);
        ts.MakeUnique(p);
        Assert.Equal(13, p.TimestampNs);
    }

    [Fact]
    public void Timestamps_are_forgotten_after_the_window_so_memory_stays_bounded()
    {
        var ts = new SeriesTimestamps(_time, TimeSpan.FromMinutes(1));
        for (int i = 0; i < 100; i++) ts.MakeUnique(new Point("m", 1).Tag("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Field("v", 1));
        Assert.Equal(100, ts.SeriesCount);
        _time.Advance(TimeSpan.FromMinutes(2));
        var p = new Point("m", 1).Tag("s", "0").Field("v", 1);
        ts.MakeUnique(p);
        Assert.Equal(1, ts.SeriesCount);
        Assert.Equal(1, p.TimestampNs);
    }

    private static Point Event(string kind, long ns) => new Point("event", ns).Tag("kind", kind).Tag("site", "352012").Field("message", "m");
}
