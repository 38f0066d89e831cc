namespace NetOps.Core.Alerting.Storage;

/// <summary>
/// One alert (table <c>alerts</c>): one row per condition, found by <see cref="Fingerprint"/>, so the same condition
/// firing again after it resolved is the same alert with a longer timeline.
/// </summary>
public sealed class AlertRecord
{
    public long Id { get; set; }
    /// <summary>16 hex digits over the labels (Alertmanager's notion of one condition).</summary>
    public string Fingerprint { get; set; } = "";
    /// <summary>The labels as JSON (name → value).</summary>
    public string LabelsJson { get; set; } = "{}";
    /// <summary>The annotations as JSON (summary, description, evidence…).</summary>
    public string AnnotationsJson { get; set; } = "{}";
    /// <summary>The site code (label <c>site</c>), or "" when the alert names none.</summary>
    public string Site { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Severity { get; set; } = "warning";
    /// <summary><c>detection</c> (the analyzer) or <c>prometheus</c> (<c>POST /api/v2/alerts</c>).</summary>
    public string Source { get; set; } = "detection";
    /// <summary>firing, acknowledged, resolved or suppressed.</summary>
    public string State { get; set; } = "firing";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    /// <summary>The latest evidence that it still fires.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>When it resolves by itself unless seen again (a quiet period after a detection; Prometheus' endsAt); null: only an explicit clear resolves it.</summary>
    public DateTimeOffset? ResolveAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>The silence (<c>silence:ID</c>) or parent alert (<c>alert:ID</c>) it is shown under while suppressed.</summary>
    public string? SuppressedBy { get; set; }
    public string? SuppressedReason { get; set; }
    /// <summary>The aggregation group it belongs to (<see cref="AlertGroupRecord.Key"/>), or null when no route takes it.</summary>
    public string? GroupKey { get; set; }
    /// <summary>The last permanent mail failure for it (5xx, or no address), shown on the screen.</summary>
    public string? LastMailError { get; set; }
    /// <summary>The timeline as JSON (time, from, to, actor, note), oldest first.</summary>
    public string TimelineJson { get; set; } = "[]";
    public DateTimeOffset UpdatedAt { get; set; }
}
