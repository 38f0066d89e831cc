namespace NetOps.Core.Alerting.Storage;

/// <summary>
/// An aggregation group (table <c>alert_groups</c>): its flush timing, what its last notice said, and its escalation.
/// An episode runs from the first firing alert to the notice that all are resolved; the next firing alert starts a new
/// episode, whose escalation starts again at level 1.
/// </summary>
public sealed class AlertGroupRecord
{
    /// <summary>Route index and the group-by values (<c>0:prefecture=13␟kind=outage</c>).</summary>
    public string Key { get; set; } = "";
    public int Route { get; set; }
    public string Policy { get; set; } = "";
    /// <summary>The group-by labels and their values as JSON.</summary>
    public string LabelsJson { get; set; } = "{}";
    public int Episode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The next flush; null while the group holds nothing to send.</summary>
    public DateTimeOffset? NextFlushAt { get; set; }
    public DateTimeOffset? LastNotifiedAt { get; set; }
    /// <summary>The fingerprints the last notice said were firing, as JSON.</summary>
    public string NotifiedFiringJson { get; set; } = "[]";
    /// <summary>Notices sent in this episode (the flush number in a notice's key).</summary>
    public int Flushes { get; set; }
    /// <summary>When this episode's escalation began (its first notice); null before it.</summary>
    public DateTimeOffset? EscalationStartedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    /// <summary>False once every alert resolved and people were told.</summary>
    public bool Active { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
