namespace NetOps.Core.Alerting.Storage;

/// <summary>A silence or maintenance window (table <c>silences</c>); kept after it ends, for the record.</summary>
public sealed class SilenceRecord
{
    public long Id { get; set; }
    /// <summary>The matchers as JSON (name, value, isRegex, isEqual).</summary>
    public string MatchersJson { get; set; } = "[]";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string Comment { get; set; } = "";
    /// <summary>A maintenance window: its parent's children are held too (inhibition), not only the matched alerts.</summary>
    public bool Maintenance { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set when someone ended it early.</summary>
    public DateTimeOffset? ExpiredAt { get; set; }
    public string? ExpiredBy { get; set; }
}
