using System.Text.Json;
using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Silencing;
using NetOps.Core.Alerting.Storage;

namespace NetOps.Alerting.Store;

/// <summary>A silence matcher as the API and the row hold it (Alertmanager's v2 shape).</summary>
public sealed record SilenceMatcher(string Name, string Value, bool IsRegex = false, bool IsEqual = true);

/// <summary>
/// A weekly maintenance window as the API and the page give it: <c>days</c> (<c>monday</c> … <c>sunday</c>), <c>start</c>
/// (<c>HH:mm</c> local), <c>durationMinutes</c>, <c>timeZone</c> (IANA, <c>Asia/Tokyo</c> by default) and <c>until</c>
/// (<c>yyyy-MM-dd</c> local, the last day an occurrence may begin; optional).
/// </summary>
public sealed record SilenceRecurrence(IReadOnlyList<string> Days, string Start, int DurationMinutes, string? TimeZone = null, string? Until = null);

/// <summary>Between <see cref="SilenceRecord"/> rows and <see cref="Silence"/>.</summary>
public static class SilenceRows
{
    public const string DefaultTimeZone = "Asia/Tokyo";

    static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The lower-case English name of <paramref name="day"/> (<c>saturday</c>), as the API and the row hold it.</summary>
    public static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    /// <summary>The window <paramref name="recurrence"/> describes, or the first field that is wrong, named as the API names it. Never throws.</summary>
    public static bool TryWindow(SilenceRecurrence recurrence, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RecurringWindow? window,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        window = null;
        var days = new HashSet<DayOfWeek>();
        var given = recurrence.Days ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var day = Week.Where(d => string.Equals(DayName(d), given[i]?.Trim(), StringComparison.OrdinalIgnoreCase)).Cast<DayOfWeek?>().FirstOrDefault();
            if (day is null) { error = $"recurrence.days[{i}]: '{given[i]}' is not a day (monday … sunday)"; return false; }
            days.Add(day.Value);
        }
        if (!TimeOnly.TryParseExact(recurrence.Start ?? "", ["HH:mm", "HH:mm:ss"], out var start))
        {
            error = $"recurrence.start: '{recurrence.Start}' is not a time (HH:mm)";
            return false;
        }
        var zoneId = string.IsNullOrWhiteSpace(recurrence.TimeZone) ? DefaultTimeZone : recurrence.TimeZone;
        if (TimeZones.Find(zoneId) is not { } zone) { error = $"recurrence.timeZone: '{zoneId}' is not a known time zone"; return false; }
        DateOnly? until = null;
        if (!string.IsNullOrWhiteSpace(recurrence.Until))
        {
            if (!DateOnly.TryParseExact(recurrence.Until, "yyyy-MM-dd", out var u)) { error = $"recurrence.until: '{recurrence.Until}' is not a date (yyyy-MM-dd)"; return false; }
            until = u;
        }
        if (recurrence.DurationMinutes is < 1 or > 7 * 24 * 60) { error = "recurrence.durationMinutes must be between 1 and 10080 (a week)"; return false; }
        window = new RecurringWindow(days, start, TimeSpan.FromMinutes(recurrence.DurationMinutes), zone, until);
        error = window.Validate();
        if (error is not null) { window = null; return false; }
        return true;
    }

    /// <summary>The row's weekly window in the API's shape, or null for a one-off silence.</summary>
    public static SilenceRecurrence? Recurrence(SilenceRecord row) =>
        row.RecurrenceDays is null || row.RecurrenceStart is null || row.RecurrenceMinutes is null ? null
            : new SilenceRecurrence(row.RecurrenceDays.Split(',', StringSplitOptions.RemoveEmptyEntries), row.RecurrenceStart.Value.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                row.RecurrenceMinutes.Value, row.RecurrenceTimeZone ?? DefaultTimeZone, row.RecurrenceUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Writes <paramref name="window"/> to the row's columns.</summary>
    public static void SetRecurrence(SilenceRecord row, RecurringWindow window)
    {
        row.RecurrenceDays = string.Join(',', Week.Where(window.Days.Contains).Select(DayName));
        row.RecurrenceStart = window.Start;
        row.RecurrenceMinutes = (int)window.Length.TotalMinutes;
        row.RecurrenceTimeZone = window.TimeZone.Id;
        row.RecurrenceUntil = window.Until;
    }

    public static IReadOnlyList<SilenceMatcher> Matchers(SilenceRecord row) =>
        JsonSerializer.Deserialize<List<SilenceMatcher>>(row.MatchersJson, AlertRows.Json) ?? [];

    /// <summary>The silence, or null when a stored matcher or window no longer compiles (it then silences nothing, and the page shows it).</summary>
    public static Silence? ToSilence(SilenceRecord row)
    {
        RecurringWindow? window = null;
        if (Recurrence(row) is { } recurrence && !TryWindow(recurrence, out window, out _)) return null;
        var matchers = new List<LabelMatcher>();
        foreach (var m in Matchers(row))
        {
            if (!LabelMatcher.TryCreate(m.Name, m.Value, m.IsRegex, !m.IsEqual, out var made, out _)) return null;
            matchers.Add(made);
        }
        return new Silence($"silence:{row.Id}", matchers, row.StartsAt, row.ExpiredAt is { } e && e < row.EndsAt ? e : row.EndsAt,
            row.CreatedBy, row.Comment, row.Maintenance, window);
    }
}
