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
        Assert.Equal(100, ts.Remembered);
        _time.Advance(TimeSpan.FromMinutes(2));
        var p = new Point("m", 1).Tag("s", "0").Field("v", 1);
        ts.MakeUnique(p);
        Assert.Equal(1, ts.Remembered);
        Assert.Equal(1, p.TimestampNs);
    }

    [Fact]
    public void A_flood_at_one_timestamp_gets_consecutive_nanoseconds_and_later_points_skip_the_whole_run()
    {
        var ts = new SeriesTimestamps(_time);
        var flood = Enumerable.Range(0, 100_000).Select(_ => Event("generic", 1_000_000_000)).ToList();
        foreach (var p in flood) ts.MakeUnique(p);
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => 1_000_000_000L + i), flood.Select(p => p.TimestampNs));

        var inside = Event("generic", 1_000_050_000);
        ts.MakeUnique(inside);
        Assert.Equal(1_000_100_000, inside.TimestampNs);
    }

    [Fact]
    public void At_most_capacity_timestamps_are_remembered_the_oldest_forgotten_first()
    {
        var ts = new SeriesTimestamps(_time, capacity: 1000);
        for (int i = 0; i < 5000; i++) ts.MakeUnique(Event("x", i * 10L));
        Assert.Equal(1000, ts.Remembered);
        var recent = Event("x", 4999 * 10L);
        Assert.True(ts.MakeUnique(recent)); // still remembered
        var old = Event("x", 0);
        Assert.False(ts.MakeUnique(old));   // forgotten
    }

    [Fact]
    public void Series_that_differ_only_in_where_a_tag_splits_are_different_series()
    {
        var ts = new SeriesTimestamps(_time);
        ts.MakeUnique(new Point("m", 7).Tag("a", "bc").Field("v", 1));
        var other = new Point("m", 7).Tag("ab", "c").Field("v", 1);
        Assert.False(ts.MakeUnique(other));
    }

    private static Point Event(string kind, long ns) => new Point("event", ns).Tag("kind", kind).Tag("site", "352012").Field("message", "m");
}
