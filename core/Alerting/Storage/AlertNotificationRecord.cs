namespace NetOps.Core.Alerting.Storage;

/// <summary>
/// One page to one person (table <c>alert_notifications</c>), the alerting outbox. <see cref="Key"/> is unique:
/// group, episode, step or flush, and the person, so whichever node or restart decides the same page again finds
/// the row and sends nothing. The subject and body are fixed when the row is made; a retry sends the same mail.
/// </summary>
public sealed class AlertNotificationRecord
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string GroupKey { get; set; } = "";
    /// <summary>The escalation step's key (<c>…/round0/step1</c>) or the flush's (<c>…/flush3</c>).</summary>
    public string StepKey { get; set; } = "";
    /// <summary>page (a step), update (a flush that changed the group), resolved.</summary>
    public string Kind { get; set; } = "page";
    public string User { get; set; } = "";
    public string Address { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The alerts it tells about, as JSON ids.</summary>
    public string AlertIdsJson { get; set; } = "[]";
    /// <summary>pending, sent or failed.</summary>
    public string State { get; set; } = "pending";
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string MessageId { get; set; } = "";
}
