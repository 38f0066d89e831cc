namespace NetOps.Core.Advisories.Storage;

/// <summary>
/// One CEPTOAR advisory (table <c>advisories</c>): its content (the fields of the Ceptoar part's <c>AdvisoryDraft</c>;
/// lists as JSON arrays), its recipients (JSON: <c>{"all":true}</c>, <c>{"prefectures":[…],"codes":[…]}</c>) and its
/// four-eyes lifecycle: <c>draft</c> → <c>approved</c> (by someone other than <see cref="Author"/>) →
/// <c>scheduled</c> or <c>sending</c> → <c>sent</c>; or <c>cancelled</c>.
/// </summary>
public sealed class AdvisoryRecord
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Tlp { get; set; } = "";
    public string Source { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>JSON array of CVE and JVN ids and URLs.</summary>
    public string References { get; set; } = "[]";
    /// <summary>JSON array of product names.</summary>
    public string AffectedProducts { get; set; } = "[]";
    /// <summary>JSON array of recommended actions.</summary>
    public string RecommendedActions { get; set; } = "[]";
    public string? TrackingId { get; set; }
    /// <summary>For a correction or retraction: the advisory it corrects or retracts.</summary>
    public long? Supersedes { get; set; }
    /// <summary>JSON of the recipient group.</summary>
    public string Recipients { get; set; } = "";
    public string Author { get; set; } = "";
    public string State { get; set; } = "";
    public string? Approver { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    /// <summary>Who asked for the send.</summary>
    public string? Sender { get; set; }
    /// <summary>When the send is due (now, or the scheduled time).</summary>
    public DateTimeOffset? SendAt { get; set; }
    /// <summary>When the last outbox row left the pending state.</summary>
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
