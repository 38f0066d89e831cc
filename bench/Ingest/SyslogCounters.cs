using System.Globalization;

namespace NetOps.Bench.Ingest;

/// <summary>NetOps' own UDP counts from /metrics: <c>netops_syslog_messages_total{transport="udp",outcome=...}</c>.</summary>
public sealed record SyslogCounters(long Received, long Dropped)
{
    public static SyslogCounters Zero { get; } = new(0, 0);

    public static SyslogCounters operator -(SyslogCounters a, SyslogCounters b) => new(a.Received - b.Received, a.Dropped - b.Dropped);

    /// <summary>Reads the two series from a Prometheus text exposition; a missing series counts 0.</summary>
    public static SyslogCounters Parse(string exposition)
    {
        long received = 0, dropped = 0;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith("netops_syslog_messages_total{", StringComparison.Ordinal)) continue;
            if (!line.Contains("transport=\"udp\"", StringComparison.Ordinal)) continue;
            var space = line.LastIndexOf(' ');
            if (space < 0 || !double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            if (line.Contains("outcome=\"received\"", StringComparison.Ordinal)) received = (long)value;
            else if (line.Contains("outcome=\"dropped\"", StringComparison.Ordinal)) dropped = (long)value;
        }
        return new SyslogCounters(received, dropped);
    }
}
