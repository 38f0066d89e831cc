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

    /// <summary>A weekly window (planned work): the days it begins on, lower-case English names joined by commas (<c>saturday,sunday</c>); null for a one-off silence.</summary>
    public string? RecurrenceDays { get; set; }
    /// <summary>The local time of day each occurrence begins, in <see cref="RecurrenceTimeZone"/>.</summary>
    public TimeOnly? RecurrenceStart { get; set; }
    /// <summary>How long each occurrence lasts (it may run past midnight).</summary>
    public int? RecurrenceMinutes { get; set; }
    /// <summary>The IANA time zone of <see cref="RecurrenceStart"/> and <see cref="RecurrenceUntil"/>.</summary>
    public string? RecurrenceTimeZone { get; set; }
    /// <summary>The last local date an occurrence may begin on; null when only <see cref="EndsAt"/> ends it.</summary>
    public DateOnly? RecurrenceUntil { get; set; }
}
