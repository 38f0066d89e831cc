using System.Globalization;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Analyzer.Failover;

/// <summary>Turns stored events and flow figures, or the points the collector writes, into <see cref="LineSignal"/>s.</summary>
public static class FailoverSignals
{
    /// <summary>The event kinds the state machine reads (the <c>kind</c> tags).</summary>
    public static readonly IReadOnlyList<string> EventKinds =
    [
        "link_down", "link_up", "bgp_down", "bgp_up", "ospf_down", "ospf_up", "tunnel_down", "tunnel_up",
        "vrrp_master", "vrrp_backup", "hsrp_active", "hsrp_standby",
    ];

    /// <summary>The signal an event gives, or null when it says nothing about a line.</summary>
    public static LineSignal? FromEvent(DateTimeOffset time, string site, string? device, string? kind, string? line, string? message)
    {
        var role = LineRoles.Parse(line);
        if (role == LineRole.None || string.IsNullOrEmpty(site) || site == Measurements.UnknownSite) return null;
        SignalKind? signal = kind switch
        {
            "link_down" or "bgp_down" or "ospf_down" or "tunnel_down" => SignalKind.LineDown,
            "link_up" or "bgp_up" or "ospf_up" or "tunnel_up" => SignalKind.LineUp,
            "vrrp_master" or "hsrp_active" => SignalKind.BecameMaster,
            "vrrp_backup" or "hsrp_standby" => SignalKind.LostMaster,
            _ => null,
        };
        return signal is { } s ? new LineSignal(time, site, role, s, kind!, device, message) : null;
    }

    /// <summary>
    /// The signal an <c>interface</c> point gives (SNMP counters of a line's interface, deltas over the poll interval):
    /// the line went down when its oper status is down, else a health sample; null for an interface on no line.
    /// </summary>
    public static LineSignal? FromInterface(DateTimeOffset time, string site, string? device, string? ifName, string? line,
        double? inOctets, double? outOctets, double? inErrors, double? outErrors, bool? operUp, double? speedMbps, double? elapsedSeconds = null)
    {
        var role = LineRoles.Parse(line);
        if (role == LineRole.None || string.IsNullOrEmpty(site) || site == Measurements.UnknownSite) return null;
        var name = string.IsNullOrEmpty(ifName) ? "?" : ifName;
        if (operUp == false) return new LineSignal(time, site, role, SignalKind.LineDown, "snmp", device, $"{name}: ifOperStatus down");
        double errors = inErrors is null && outErrors is null ? double.NaN : (inErrors ?? 0) + (outErrors ?? 0);
        double octets = Math.Max(inOctets ?? 0, outOctets ?? 0);
        double speed = speedMbps is > 0 ? speedMbps.Value * 1e6 : 0;
        return new LineSignal(time, site, role, SignalKind.Health, "snmp", device,
            string.Create(CultureInfo.InvariantCulture, $"{name}: {errors:0} errors, {octets:N0} octets in the poll interval"), octets, errors, speed,
            elapsedSeconds is > 0 and < double.PositiveInfinity ? elapsedSeconds.Value : 0);
    }

    /// <summary>The line an exporter's traffic is on: the exporting device's line in the inventory.</summary>
    public static LineRole LineOfExporter(SiteInventory inventory, string site, string? exporter)
    {
        if (string.IsNullOrEmpty(exporter) || inventory.FindSite(site) is not { } s) return LineRole.None;
        foreach (var d in s.Devices)
            if (string.Equals(d.Name, exporter, StringComparison.OrdinalIgnoreCase)) return LineRoles.Parse(d.Line);
        return LineRole.None;
    }

    /// <summary>The signal a point the collector writes gives (an <c>event</c> or a <c>flow</c> point), or null.</summary>
    public static LineSignal? FromPoint(Point point, SiteInventory inventory)
    {
        var site = point.GetTag("site");
        if (site is null) return null;
        var time = FromNs(point.TimestampNs);
        if (point.Measurement == Measurements.Event)
            return FromEvent(time, site, point.GetTag("device"), point.GetTag("kind"), point.GetTag("line"), StringField(point, "message"));
        if (point.Measurement == Measurements.Interface)
            return FromInterface(time, site, point.GetTag("device"), point.GetTag("ifname"), point.GetTag("line"), NumberField(point, "in_octets"),
                NumberField(point, "out_octets"), NumberField(point, "in_errors"), NumberField(point, "out_errors"), BoolField(point, "oper_up"), NumberField(point, "speed_mbps"),
                NumberField(point, "elapsed_s"));
        if (point.Measurement != Measurements.Flow) return null;
        var exporter = point.GetTag("exporter");
        var line = LineOfExporter(inventory, site, exporter);
        if (line == LineRole.None) return null;
        double bytes = 0;
        foreach (var (k, v) in point.Fields)
            if (k == "bytes") bytes = v.Type == FieldType.Integer ? v.AsInteger : v.AsFloat;
        return new LineSignal(time, site, line, SignalKind.Traffic, "flow", exporter, null, bytes);
    }

    /// <summary>
    /// A point's time to the millisecond, not <see cref="Point.FromNanoseconds"/>: the writer moves timestamps by
    /// nanoseconds (unique per series, the restart generation), and the flow points of one window must stay one window.
    /// </summary>
    public static DateTimeOffset FromNs(long ns) => DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000);

    private static double? NumberField(Point point, string key)
    {
        foreach (var (k, v) in point.Fields)
            if (k == key) return v.Type switch { FieldType.Integer => v.AsInteger, FieldType.Float => v.AsFloat, _ => null };
        return null;
    }

    private static bool? BoolField(Point point, string key)
    {
        foreach (var (k, v) in point.Fields)
            if (k == key) return v.Type switch { FieldType.Boolean => v.AsBoolean, FieldType.Integer => v.AsInteger != 0, FieldType.Float => v.AsFloat != 0, _ => null };
        return null;
    }

    private static string? StringField(Point point, string key)
    {
        foreach (var (k, v) in point.Fields)
            if (k == key) return v.StringValue;
        return null;
    }
}
