using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Collector.Aggregation;

/// <summary>
/// Counts firewall traffic log lines per site, device and action, and turns each window's counts into
/// <c>firewall</c> points. Traffic logs are most of the volume; one point per device and window instead of one
/// per line keeps InfluxDB small. Thread-safe.
/// </summary>
public sealed class FirewallCounter
{
    private readonly Lock _lock = new();
    private Dictionary<(string Site, string Device, FirewallAction Action), long> _counts = [];

    public void Add(string site, string device, FirewallAction action, long count = 1)
    {
        lock (_lock)
        {
            ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, (site, device, action), out _);
            c += count;
        }
    }

    /// <summary>
    /// Takes the counts so far as points stamped <paramref name="timestampNs"/>; the next window starts empty.
    /// </summary>
    public List<Point> Drain(long timestampNs)
    {
        Dictionary<(string Site, string Device, FirewallAction Action), long> counts;
        lock (_lock)
        {
            if (_counts.Count == 0) return [];
            counts = _counts;
            _counts = new Dictionary<(string, string, FirewallAction), long>(counts.Count);
        }
        var points = new List<Point>(counts.Count);
        foreach (var ((site, device, action), count) in counts)
        {
            points.Add(new Point(Measurements.Firewall, timestampNs)
                .Tag("site", site)
                .Tag("device", device)
                .Tag("action", action == FirewallAction.Deny ? "deny" : "permit")
                .Field("count", count));
        }
        return points;
    }
}
