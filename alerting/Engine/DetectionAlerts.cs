using System.Globalization;
using NetOps.Alerting.Dispatch;
using NetOps.Core.Detections;
using NetOps.Core.Inventory;

namespace NetOps.Alerting.Engine;

/// <summary>What a detection means for alerting: the alert it fires (its labels and annotations), or the alerts it clears.</summary>
public sealed record DetectionAlert(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string Severity,
    bool ResolvesByItself);

/// <summary>
/// Detections to alerts. One condition per site and kind: the labels are <c>alertname</c>, <c>kind</c>, <c>site</c>,
/// <c>prefecture</c> and <c>severity</c>, so a second detection of the same condition is the same alert. A failover's
/// later phase (backup carrying) is the same alert as its start; a switchback clears the site's failover and outage
/// alerts and fires nothing. Attacks, anomalies and degradations resolve when their detector stops seeing them.
/// </summary>
public static class DetectionAlerts
{
    /// <summary>Kinds a switchback (or the site being up again) clears.</summary>
    public static readonly IReadOnlySet<string> LineDownKinds = new HashSet<string>(StringComparer.Ordinal) { "failover_started", "outage" };

    /// <summary>Kinds that mean a site cannot carry the sites behind it (inhibition parents).</summary>
    public static readonly IReadOnlySet<string> ParentDownKinds = new HashSet<string>(StringComparer.Ordinal) { "outage" };

    /// <summary>Child alerts that a down parent explains: the line kinds.</summary>
    public static readonly IReadOnlySet<string> ChildKinds = new HashSet<string>(StringComparer.Ordinal) { "failover_started", "outage", "degraded", "flapping" };

    public static bool Clears(DetectionKind kind) => kind == DetectionKind.Switchback;

    public static string SeverityOf(DetectionKind kind) => kind switch
    {
        DetectionKind.Outage or DetectionKind.SynFlood => "critical",
        DetectionKind.Anomaly => "info",
        _ => "warning",
    };

    /// <summary>The alert a detection fires; null for a switchback (it clears, see <see cref="Clears"/>).</summary>
    public static DetectionAlert? From(Detection d, Site? site)
    {
        if (Clears(d.Kind)) return null;
        var kind = d.Kind == DetectionKind.BackupCarrying ? DetectionKind.FailoverStarted : d.Kind;
        var severity = SeverityOf(kind);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LabelSet.AlertName] = kind.ToTag(),
            [LabelSet.Kind] = kind.ToTag(),
            [LabelSet.Site] = d.Site,
            [LabelSet.Severity] = severity,
        };
        if (site is { Prefecture.Length: > 0 }) labels[LabelSet.Prefecture] = site.Prefecture;
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = d.Message,
            ["detector"] = d.Detector,
            ["detection"] = d.Id,
        };
        if (site is not null) annotations["siteName"] = site.Name;
        if (d.Line is { Length: > 0 } line) annotations["line"] = line;
        if (d.Kind == DetectionKind.BackupCarrying) annotations["phase"] = "backup_carrying";
        if (d.Value is { } v) annotations["value"] = v.ToString("G6", CultureInfo.InvariantCulture);
        if (d.Expected is { } e) annotations["expected"] = e.ToString("G6", CultureInfo.InvariantCulture);
        var devices = d.Evidence.Select(x => x.Device).Where(x => !string.IsNullOrEmpty(x)).Distinct(StringComparer.Ordinal).Take(5).ToList();
        if (devices.Count > 0) annotations["devices"] = string.Join(", ", devices);
        var evidence = d.Evidence.TakeLast(5).Select(x => $"{x.Time.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ} {x.Source}/{x.Kind} {x.Device} {x.Detail}".Trim()).ToList();
        if (evidence.Count > 0) annotations["evidence"] = string.Join("\n", evidence);
        return new DetectionAlert(labels, annotations, severity, ResolvesByItself: !LineDownKinds.Contains(kind.ToTag()));
    }
}
