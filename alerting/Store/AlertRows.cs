using System.Text.Json;
using System.Text.Json.Serialization;
using NetOps.Alerting.Alerts;
using NetOps.Core.Alerting.Storage;

namespace NetOps.Alerting.Store;

/// <summary>Between <see cref="AlertRecord"/> rows and the <see cref="Alert"/> objects the transitions are made on.</summary>
public static class AlertRows
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Timeline entries kept per alert (the oldest go first); a flapping condition must not grow a row without bound.</summary>
    public const int MaxTimeline = 200;

    public static string StateName(AlertState state) => state switch
    {
        AlertState.Firing => "firing",
        AlertState.Acknowledged => "acknowledged",
        AlertState.Resolved => "resolved",
        _ => "suppressed",
    };

    public static AlertState ParseState(string? name) => name switch
    {
        "acknowledged" => AlertState.Acknowledged,
        "resolved" => AlertState.Resolved,
        "suppressed" => AlertState.Suppressed,
        _ => AlertState.Firing,
    };

    public static Dictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static IReadOnlyList<AlertTimelineEntry> Timeline(AlertRecord row) =>
        JsonSerializer.Deserialize<List<AlertTimelineEntry>>(row.TimelineJson, Json) ?? [];

    public static Alert ToAlert(AlertRecord row) => Alert.Restore(row.Fingerprint, Map(row.LabelsJson), Map(row.AnnotationsJson),
        ParseState(row.State), row.StartsAt, row.EndsAt, row.AcknowledgedBy, row.AcknowledgedAt, row.SuppressedBy, Timeline(row));

    /// <summary>Writes what the transitions changed back to the row.</summary>
    public static void Apply(Alert alert, AlertRecord row, DateTimeOffset now)
    {
        row.State = StateName(alert.State);
        row.StartsAt = alert.StartsAt;
        row.EndsAt = alert.EndsAt;
        row.AcknowledgedBy = alert.AcknowledgedBy;
        row.AcknowledgedAt = alert.AcknowledgedAt;
        row.SuppressedBy = alert.SuppressedBy;
        row.AnnotationsJson = ToJson(alert.Annotations);
        var timeline = alert.Timeline;
        row.TimelineJson = ToJson(timeline.Count > MaxTimeline ? timeline.Skip(timeline.Count - MaxTimeline).ToList() : timeline);
        row.UpdatedAt = now;
    }

    public static AlertRecord NewRow(Alert alert, string source, string severity, DateTimeOffset now)
    {
        var row = new AlertRecord
        {
            Fingerprint = alert.Fingerprint,
            LabelsJson = ToJson(alert.Labels),
            Site = alert.Labels.GetValueOrDefault(Dispatch.LabelSet.Site, ""),
            Kind = alert.Labels.GetValueOrDefault(Dispatch.LabelSet.Kind) ?? alert.Labels.GetValueOrDefault(Dispatch.LabelSet.AlertName, ""),
            Severity = severity,
            Source = source,
            LastSeenAt = alert.StartsAt,
        };
        if (row.Site.Length > 16) row.Site = row.Site[..16];
        if (row.Kind.Length > 64) row.Kind = row.Kind[..64];
        if (row.Severity.Length > 16) row.Severity = row.Severity[..16];
        Apply(alert, row, now);
        return row;
    }
}
