using NetOps.Collector.Enrichment;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Turns one device's successive IF-MIB snapshots into <c>interface</c> points. Octet and error fields are the
/// increments since the previous poll (<see cref="CounterDelta"/>), never raw counters: a 32-bit wrap is one step, and
/// an agent restart (sysUpTime went back), a 64-bit counter that went back, a jump beyond twice what ifHighSpeed could
/// carry or an ifIndex that now names another interface give no increment for that interval rather than a spike. The
/// first poll of an interface therefore writes only <c>oper_up</c> (and <c>speed_mbps</c>). One instance per device.
/// </summary>
public sealed class InterfaceSampler
{
    /// <summary>Longest interface name written as a tag; longer names are cut.</summary>
    public const int MaxNameChars = 128;

    private InterfaceSnapshot? _previous;

    /// <summary>Forgets the previous snapshot (the device's agent address or credential changed).</summary>
    public void Reset() => _previous = null;

    public List<Point> Sample(string site, Device device, InterfaceSnapshot current)
    {
        var points = new List<Point>(current.Interfaces.Count);
        var previous = _previous;
        _previous = current;
        var elapsed = previous is null ? TimeSpan.Zero : current.At - previous.At;
        bool restarted = previous is { SysUpTime: { } before } && current.SysUpTime is { } now && CounterDelta.Restarted(before, now, elapsed);
        long ts = Point.ToNanoseconds(current.At);
        foreach (var row in current.Interfaces.Values.OrderBy(r => r.Index))
        {
            var point = new Point(Measurements.Interface, ts)
                .Tag("site", site)
                .Tag("device", device.Name)
                .Tag("ifname", TagName(row))
                .Tag("line", LineOf(device, row).ToTag());
            if (row.OperStatus is { } status) point.Field("oper_up", status == 1 ? 1L : 0L);
            if (row.HighSpeedMbps is { } speed) point.Field("speed_mbps", (long)Math.Min(speed, long.MaxValue));
            if (!string.IsNullOrWhiteSpace(row.Alias)) point.Field("alias", EventPoint.Clean(row.Alias));
            if (previous is not null && elapsed > TimeSpan.Zero && previous.Interfaces.TryGetValue(row.Index, out var old)
                && old.DisplayName == row.DisplayName)
            {
                // What the interface could carry in the interval, twice over; 0 when the agent does not say (no bound).
                ulong max = row.HighSpeedMbps is { } mbps && mbps > 0 ? (ulong)Math.Min(mbps * 1e6 / 8 * elapsed.TotalSeconds * 2, ulong.MaxValue) : 0;
                bool any = false;
                any |= Delta(point, "in_octets", old.InOctets, row.InOctets, old.InOctets64, row.InOctets64, restarted, max);
                any |= Delta(point, "out_octets", old.OutOctets, row.OutOctets, old.OutOctets64, row.OutOctets64, restarted, max);
                any |= Delta(point, "in_errors", old.InErrors, row.InErrors, false, false, restarted, 0);
                any |= Delta(point, "out_errors", old.OutErrors, row.OutErrors, false, false, restarted, 0);
                if (any) point.Field("elapsed_s", Math.Round(elapsed.TotalSeconds, 3));
            }
            if (point.Fields.Count > 0) points.Add(point);
        }
        return points;
    }

    private static bool Delta(Point point, string field, ulong? before, ulong? after, bool before64, bool after64, bool restarted, ulong max)
    {
        // A counter that changed width (ifHCInOctets appeared or vanished) is another counter: no increment this time.
        if (before is not { } b || after is not { } a || before64 != after64) return false;
        if (CounterDelta.Compute(b, a, after64, restarted, max) is not { } delta) return false;
        point.Field(field, (long)Math.Min(delta, long.MaxValue));
        return true;
    }

    /// <summary>
    /// The line an interface carries: with an <c>interfaces</c> map on the device, the line whose interface name it
    /// has (ifName or ifDescr; Cisco abbreviations match) and none for every other port (a LAN port is no line);
    /// without one, the line the device terminates; else none.
    /// </summary>
    public static LineRole LineOf(Device device, InterfaceRow row)
    {
        if (device.Interfaces is not { Count: > 0 } map) return LineRoles.Parse(device.Line);
        foreach (var (line, name) in map)
        {
            if ((row.Name is { } n && SiteResolver.SameInterface(name, n)) || (row.Descr is { } d && SiteResolver.SameInterface(name, d)))
                return LineRoles.Parse(line);
        }
        return LineRole.None;
    }

    /// <summary>The interface's name as a tag: control characters become spaces, bounded, never empty nor ending in a backslash.</summary>
    public static string TagName(InterfaceRow row)
    {
        var name = EventPoint.Clean(row.DisplayName).Trim();
        if (name.Length > MaxNameChars) name = name[..MaxNameChars];
        name = name.TrimEnd('\\').Trim();
        return name.Length == 0 || LineProtocol.TagValueProblem(name) is not null ? $"if{row.Index}" : name;
    }
}
