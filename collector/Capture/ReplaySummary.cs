using System.Globalization;
using System.Text;
using NetOps.Core.Influx;

namespace NetOps.Collector.Capture;

/// <summary>The outcome of a replay, printed by <c>./netops replay</c>.</summary>
public sealed record ReplaySummary(string File, string Site, string Sensor, CaptureCounts Counts, long PacketPoints, long EventPoints, string? Damage, TimeSpan Elapsed)
{
    public override string ToString()
    {
        var c = Counts;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"replayed {File}");
        sb.AppendLine(inv, $"  site {Site}, sensor {Sensor}");
        if (c.Packets > 0)
            sb.AppendLine(inv, $"  time       {Point.FromNanoseconds(c.FirstTimestampNs):yyyy-MM-dd HH:mm:ss.ffffff} .. {Point.FromNanoseconds(c.LastTimestampNs):yyyy-MM-dd HH:mm:ss.ffffff} UTC");
        sb.AppendLine(inv, $"  packets    {c.Packets} read, {c.Bytes} bytes, in {Elapsed.TotalSeconds:0.###} s ({(Elapsed.TotalSeconds > 0 ? c.Packets / Elapsed.TotalSeconds : 0):0} packets/s)");
        sb.Append("  outcomes  ");
        for (int i = 0; i < c.ByOutcome.Length; i++) sb.Append(inv, $" {PacketOutcomes.Tags[i]}={c.ByOutcome[i]}");
        sb.AppendLine();
        sb.Append(inv, $"  events     {c.Events}");
        foreach (var (kind, n) in c.EventsByKind.OrderBy(k => k.Key, StringComparer.Ordinal)) sb.Append(inv, $" {kind}={n}");
        sb.AppendLine();
        sb.AppendLine(inv, $"  points     {PacketPoints + EventPoints} written to InfluxDB ({PacketPoints} packets, {EventPoints} event)");
        if (Damage is not null) sb.AppendLine(inv, $"  damaged    the file ends in damage: {Damage}");
        return sb.ToString();
    }
}
