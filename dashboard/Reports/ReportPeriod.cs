using System.Globalization;
using NetOps.Dashboard.Ui;

namespace NetOps.Dashboard.Reports;

/// <summary>
/// A report's period, half-open [From, To). The query gives dates (read in JST, as auditors count fiscal years) or
/// ISO 8601 times: a date-only <c>to</c> is the last day included, so <c>from=2019-04-01&amp;to=2020-03-31</c> is FY2019.
/// </summary>
public readonly record struct ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Five years and their leap days: the longest period one export reads.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(5 * 365 + 2);

    /// <summary>日本の年度: 1 April of <paramref name="year"/> to 31 March of the next year, JST.</summary>
    public static ReportPeriod FiscalYear(int year) =>
        new(new DateTimeOffset(year, 4, 1, 0, 0, 0, JstTime.Offset), new DateTimeOffset(year + 1, 4, 1, 0, 0, 0, JstTime.Offset));

    /// <summary>The fiscal year (April–March, JST) that <paramref name="time"/> falls in.</summary>
    public static int FiscalYearOf(DateTimeOffset time)
    {
        var jst = JstTime.ToJst(time);
        return jst.Month >= 4 ? jst.Year : jst.Year - 1;
    }

    /// <summary>The same period a year earlier: what a period is compared with when no other is given.</summary>
    public ReportPeriod YearBefore() => new(From.AddYears(-1), To.AddYears(-1));

    /// <summary>The first and last day in JST: <c>2019-04-01〜2020-03-31</c> (the last instant's day when To is midnight).</summary>
    public string Label
    {
        get
        {
            var last = JstTime.ToJst(To);
            if (last.TimeOfDay == TimeSpan.Zero) last = last.AddDays(-1);
            return $"{JstTime.ToJst(From):yyyy-MM-dd}〜{last:yyyy-MM-dd}";
        }
    }

    /// <summary>Reads a period from its two query parameters; the error names the parameter, as a 400 says it.</summary>
    public static bool TryParse(string? from, string? to, string fromName, string toName, out ReportPeriod period, out string? error)
    {
        period = default;
        if (!TryTime(from, fromName, endOfDay: false, out var f, out error)) return false;
        if (!TryTime(to, toName, endOfDay: true, out var t, out error)) return false;
        if (t <= f) { error = $"{toName}: must be later than {fromName}"; return false; }
        if (t - f > MaxLength) { error = $"{toName}: the period from {fromName} is longer than 5 years"; return false; }
        period = new ReportPeriod(f, t);
        return true;
    }

    private static bool TryTime(string? text, string name, bool endOfDay, out DateTimeOffset time, out string? error)
    {
        time = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { error = $"{name}: required (a date yyyy-MM-dd in JST, or an ISO 8601 time)"; return false; }
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            time = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), JstTime.Offset);
            if (endOfDay) time = time.AddDays(1);
        }
        else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            error = $"{name}: '{Excerpt(text)}' is not a date (yyyy-MM-dd) or an ISO 8601 time";
            return false;
        }
        if (time.Year is < 1990 or > 2200) { error = $"{name}: {time:yyyy} is out of range (1990–2200)"; return false; }
        return true;
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
