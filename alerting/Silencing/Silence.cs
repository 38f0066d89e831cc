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
        if (Recurrence?.Validate() is { } invalid) return invalid;
        if (Recurrence?.LastEnd() is { } lastEnd && lastEnd <= StartsAt) return "recurrence.until: the last occurrence ends before startsAt";
        return null;
    }

    public bool IsActive(DateTimeOffset now) =>
        now >= StartsAt && now < EndsAt && (Recurrence is null || Recurrence.Contains(now));

    public bool IsExpired(DateTimeOffset now) => now >= EndsAt;

    public bool Silences(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) =>
        IsActive(now) && LabelMatcher.All(Matchers, labels);
}

/// <summary>
/// A weekly window in a time zone: on <see cref="Days"/>, from <see cref="Start"/> for <see cref="Length"/> (may run past
/// midnight), the last one beginning on <see cref="Until"/> (a local date; null: the silence's end decides). Starts are
/// local times, so a window keeps its wall-clock hours across daylight-saving changes; a start that falls in the hour a
/// clock skips begins at the same UTC offset as before the change, and one in the hour a clock repeats begins the first time.
/// </summary>
public sealed record RecurringWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeSpan Length, TimeZoneInfo TimeZone, DateOnly? Until = null)
{
    public string? Validate()
    {
        if (Days.Count == 0) return "recurrence.days is empty";
        if (Length <= TimeSpan.Zero || Length > TimeSpan.FromDays(7)) return "recurrence.durationMinutes must be between 1 and 10080 (a week)";
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
            if (!Days.Contains(day.DayOfWeek) || day > Until) continue;
            var start = StartOn(day);
            if (instant >= start && instant < start + Length) return true;
        }
        return false;
    }

    /// <summary>The instant the occurrence of local <paramref name="day"/> begins.</summary>
    public DateTimeOffset StartOn(DateOnly day)
    {
        var local = day.ToDateTime(Start);
        TimeSpan offset;
        if (TimeZone.IsInvalidTime(local)) offset = TimeZone.GetUtcOffset(local.AddHours(-3));
        else if (TimeZone.IsAmbiguousTime(local)) offset = TimeZone.GetAmbiguousTimeOffsets(local).Max();
        else offset = TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The end of the last occurrence, when <see cref="Until"/> bounds the window.</summary>
    public DateTimeOffset? LastEnd()
    {
        if (Until is not { } until || Days.Count == 0) return null;
        for (var back = 0; back < 7; back++)
        {
            var day = until.AddDays(-back);
            if (Days.Contains(day.DayOfWeek)) return StartOn(day) + Length;
        }
        return null;
    }
}
