using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Silencing;

/// <summary>
/// A silence or maintenance window: matchers, when, who and why. Expired silences are kept (the record of who
/// silenced what); <see cref="IsActive"/> says whether one holds now. A recurring window (planned weekly work)
/// holds only inside its occurrences between <see cref="StartsAt"/> and <see cref="EndsAt"/>.
/// </summary>
public sealed record Silence(
    string Id,
    IReadOnlyList<LabelMatcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string CreatedBy,
    string Comment,
    bool IsMaintenance = false,
    RecurringWindow? Recurrence = null)
{
    static readonly Dictionary<string, string> NoLabels = [];

    /// <summary>The first field that makes the silence unusable, named as the API names it; null when valid.</summary>
    public string? Validate()
    {
        if (Matchers.Count == 0) return "matchers: a silence needs at least one matcher";
        if (Matchers.All(m => m.Matches(NoLabels)))
            return "matchers: every matcher also matches an empty label set, which would silence everything";
        if (EndsAt <= StartsAt) return "endsAt must be after startsAt";
        if (string.IsNullOrWhiteSpace(CreatedBy)) return "createdBy is empty";
        if (string.IsNullOrWhiteSpace(Comment)) return "comment: say why";
        return Recurrence?.Validate();
    }

    public bool IsActive(DateTimeOffset now) =>
        now >= StartsAt && now < EndsAt && (Recurrence is null || Recurrence.Contains(now));

    public bool IsExpired(DateTimeOffset now) => now >= EndsAt;

    public bool Silences(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) =>
        IsActive(now) && LabelMatcher.All(Matchers, labels);
}

/// <summary>A weekly window in a time zone: on <see cref="Days"/>, from <see cref="Start"/> for <see cref="Length"/> (may run past midnight).</summary>
public sealed record RecurringWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeSpan Length, TimeZoneInfo TimeZone)
{
    public string? Validate()
    {
        if (Days.Count == 0) return "recurrence.days is empty";
        if (Length <= TimeSpan.Zero || Length > TimeSpan.FromDays(7)) return "recurrence.length must be between 0 and 7 days";
        return null;
    }

    /// <summary>True when <paramref name="instant"/> falls in an occurrence that began on one of the last eight local days.</summary>
    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var today = DateOnly.FromDateTime(local.DateTime);
        for (var back = 0; back <= 7; back++)
        {
            var day = today.AddDays(-back);
            if (!Days.Contains(day.DayOfWeek)) continue;
            var startLocal = day.ToDateTime(Start);
            var start = new DateTimeOffset(startLocal, TimeZone.GetUtcOffset(startLocal));
            if (instant >= start && instant < start + Length) return true;
        }
        return false;
    }
}
