using System.Globalization;
using Microsoft.Extensions.Localization;
using NetOps.Core.Detections;
using NetOps.Dashboard.Resources;

namespace NetOps.Dashboard.Ui;

/// <summary>
/// A detection in the screen's language, from its kind, figures, durations and evidence (the analyzer's
/// <see cref="Detection.Message"/> is English for logs and the API; the screen shows it on hover).
/// </summary>
public static class DetectionText
{
    public static string Summary(Detection d, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(l);
        var first = d.Evidence.Count > 0 ? d.Evidence[0] : null;
        return d.Kind switch
        {
            DetectionKind.FailoverStarted => l["DetSum_failover_started", Source(first, l)],
            DetectionKind.BackupCarrying => l["DetSum_backup_carrying", Seconds(d, "takeover")],
            // without a backup that carried (syslog alone), there is no time on the backup to tell
            DetectionKind.Switchback when !d.Durations.ContainsKey("onBackup") => l["DetSum_switchback_direct", Seconds(d, "total")],
            DetectionKind.Switchback => l["DetSum_switchback", Seconds(d, "total"), Seconds(d, "onBackup")],
            DetectionKind.Outage when first is { Kind: "silence" } => l["DetSum_outage_silence", JstTime.Absolute(first.Time)],
            DetectionKind.Outage => l["DetSum_outage", Source(d.Evidence.LastOrDefault(), l)],
            DetectionKind.Degraded when first is { Kind: "utilization" } => l["DetSum_degraded_utilization", first.Device ?? "?", (first.Value ?? 0).ToString("P0", CultureInfo.InvariantCulture)],
            DetectionKind.Degraded => l["DetSum_degraded_errors", first?.Device ?? "?", Number(first?.Value)],
            DetectionKind.Flapping => l["DetSum_flapping", Line(d.Line, l), d.Evidence.Count(e => e.Source == "event" || e.Source == "snmp").ToString(CultureInfo.InvariantCulture)],
            DetectionKind.PortScan => l["DetSum_port_scan", d.Evidence.FirstOrDefault(e => e.Kind == "distinct_hosts" && e.Source == "feature")?.Detail ?? "?",
                Number(d.Evidence.Where(e => e.Kind == "distinct_ports" && e.Source == "feature").Max(e => e.Value)),
                Number(d.Evidence.Where(e => e.Kind == "distinct_hosts" && e.Source == "feature").Max(e => e.Value))],
            DetectionKind.SynFlood => l["DetSum_syn_flood", Number(d.Value), Number(d.Expected)],
            DetectionKind.BruteForce => l["DetSum_brute_force", d.Evidence.FirstOrDefault(e => e.Device is not null)?.Device ?? "?", Number(d.Value), Number(d.Expected)],
            DetectionKind.DenySurge => l["DetSum_deny_surge", Number(d.Value), Number(d.Expected)],
            DetectionKind.Anomaly => l["DetSum_anomaly", Line(d.Line, l), Number(d.Value), Number(d.Expected)],
            _ => d.Message,
        };
    }

    private static string Source(DetectionEvidence? e, IStringLocalizer<Strings> l) => e is null
        ? l["DetSum_unknown"]
        : e.Source == "flow" ? $"{e.Device ?? "?"}: {Number(e.Value)} bytes" : $"{e.Device ?? "?"}: {e.Kind}";

    private static string Line(string? line, IStringLocalizer<Strings> l) => line switch
    {
        "primary" => l["LinePrimary"],
        "backup" => l["LineBackup"],
        _ => l["LineNone"],
    };

    private static string Seconds(Detection d, string key) =>
        d.Durations.TryGetValue(key, out var s) ? s.ToString("0.#", CultureInfo.InvariantCulture) : "?";

    private static string Number(double? value) => value is { } v && double.IsFinite(v)
        ? v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.#", CultureInfo.InvariantCulture)
        : "?";
}
