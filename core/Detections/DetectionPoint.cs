using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Core.Detections;

/// <summary>Builds <c>detection</c> points (DESIGN.md: tags site, detector, kind; fields score, value, expected, message).</summary>
public static class DetectionPoint
{
    public static Point Create(Detection d)
    {
        var point = new Point(Measurements.Detection, TimestampNs(d))
            .Tag("site", d.Site)
            .Tag("detector", d.Detector)
            .Tag("kind", d.Kind.ToTag())
            .Field("score", d.Score)
            .Field("message", EventPoint.Clean(d.Message))
            .Field("id", d.Id)
            .Field("evidence", (long)d.Evidence.Count);
        if (d.Value is { } v) point.Field("value", v);
        if (d.Expected is { } e) point.Field("expected", e);
        if (d.Line is { } line) point.Field("line", line);
        if (d.Rerun) point.Field("rerun", true);
        foreach (var (name, seconds) in d.Durations) point.Field(name + "_s", seconds);
        return point;
    }

    /// <summary>
    /// The finding's start in ns, plus a fraction of a millisecond taken from its id: the same finding always gets the
    /// same timestamp (a second write replaces the first in InfluxDB instead of adding a point), and two findings of the
    /// same series in one millisecond do not collide. Never a whole millisecond, so the writer does not move it.
    /// </summary>
    public static long TimestampNs(Detection d)
    {
        uint hash = 2166136261;
        foreach (char c in d.Id) hash = (hash ^ c) * 16777619;
        return d.Time.ToUnixTimeMilliseconds() * 1_000_000L + 1 + hash % 999_998;
    }
}
