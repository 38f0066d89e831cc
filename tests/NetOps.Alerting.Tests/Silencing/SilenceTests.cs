using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Silencing;
using NetOps.Alerting.Store;
using NetOps.Core.Alerting.Storage;

namespace NetOps.Alerting.Tests.Silencing;

public sealed class SilenceTests
{
    static readonly TimeZoneInfo Jst = TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "JST", "JST");
    static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly Dictionary<string, string> Chiyoda = new() { ["site"] = "131016", ["kind"] = "outage" };

    static Silence For(params LabelMatcher[] matchers) =>
        new("s1", matchers, From, From.AddDays(1), "operator1", "回線工事");

    [Fact]
    public void Silences_matching_alerts_only_between_start_and_end_and_is_kept_after()
    {
        var silence = For(LabelMatcher.Create("site", "131016"));
        Assert.Null(silence.Validate());
        Assert.False(silence.Silences(Chiyoda, From.AddSeconds(-1)));
        Assert.True(silence.Silences(Chiyoda, From.AddHours(3)));
        Assert.False(silence.Silences(new Dictionary<string, string> { ["site"] = "131041" }, From.AddHours(3)));
        Assert.False(silence.Silences(Chiyoda, From.AddDays(1)));
        Assert.True(silence.IsExpired(From.AddDays(1)));
    }

    [Theory]
    [InlineData("site", ".*", true, "would silence everything")]
    [InlineData("site", "", false, "would silence everything")]
    public void A_silence_that_would_match_everything_is_refused(string name, string value, bool isRegex, string expected) =>
        Assert.Contains(expected, For(LabelMatcher.Create(name, value, isRegex)).Validate());

    [Fact]
    public void A_silence_without_a_reason_or_with_its_end_before_its_start_is_refused()
    {
        var matcher = LabelMatcher.Create("site", "131016");
        Assert.StartsWith("comment", (For(matcher) with { Comment = " " }).Validate());
        Assert.StartsWith("endsAt", (For(matcher) with { EndsAt = From }).Validate());
    }

    [Fact]
    public void Weekly_window_holds_on_its_days_in_local_time_and_across_midnight()
    {
        // Saturdays 22:00 JST for four hours: planned work on the prefecture node.
        var window = new RecurringWindow(new HashSet<DayOfWeek> { DayOfWeek.Saturday }, new TimeOnly(22, 0), TimeSpan.FromHours(4), Jst);
        var saturday2230Jst = new DateTimeOffset(2026, 11, 7, 22, 30, 0, TimeSpan.FromHours(9));
        Assert.Equal(DayOfWeek.Saturday, saturday2230Jst.DayOfWeek);

        Assert.True(window.Contains(saturday2230Jst));
        Assert.True(window.Contains(saturday2230Jst.AddHours(3)));         // Sunday 01:30 JST
        Assert.False(window.Contains(saturday2230Jst.AddHours(3.5)));      // Sunday 02:00 JST: over
        Assert.False(window.Contains(saturday2230Jst.AddMinutes(-31)));    // Saturday 21:59 JST
        Assert.False(window.Contains(saturday2230Jst.AddDays(1)));         // Sunday evening

        var silence = new Silence("m1", [LabelMatcher.Create("site", "130001")], From, From.AddDays(60), "operator1", "定期保守",
            IsMaintenance: true, Recurrence: window);
        var node = new Dictionary<string, string> { ["site"] = "130001" };
        Assert.True(silence.Silences(node, saturday2230Jst.AddDays(7)));
        Assert.False(silence.Silences(node, saturday2230Jst.AddDays(3)));
    }

    static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    static readonly HashSet<DayOfWeek> Tuesdays = [DayOfWeek.Tuesday];

    [Fact]
    public void A_weekly_window_in_Tokyo_is_active_inside_its_occurrences_only()
    {
        // Tuesdays 01:00–03:00 JST: the weekly router maintenance.
        var silence = new Silence("m1", [LabelMatcher.Create("site", "131016")], From, From.AddDays(90), "operator1", "定期保守",
            Recurrence: new RecurringWindow(Tuesdays, new TimeOnly(1, 0), TimeSpan.FromHours(2), Tokyo));
        Assert.Null(silence.Validate());
        var tuesday = new DateTimeOffset(2026, 11, 10, 1, 0, 0, Nine);
        Assert.Equal(DayOfWeek.Tuesday, tuesday.DayOfWeek);
        Assert.True(silence.IsActive(tuesday));
        Assert.True(silence.IsActive(tuesday.AddMinutes(119)));
        Assert.False(silence.IsActive(tuesday.AddMinutes(120)));
        Assert.False(silence.IsActive(tuesday.AddMinutes(-1)));
        Assert.False(silence.IsActive(tuesday.AddDays(1)));                    // Wednesday, same hours
        Assert.True(silence.IsActive(tuesday.AddDays(7).AddMinutes(30)));
        // The same Tuesday 01:30 JST given in UTC is Monday 16:30 UTC: the zone decides the day, not UTC.
        Assert.True(silence.IsActive(new DateTimeOffset(2026, 11, 9, 16, 30, 0, TimeSpan.Zero)));
        Assert.False(silence.IsActive(new DateTimeOffset(2026, 11, 10, 1, 30, 0, TimeSpan.Zero)));
    }

    static readonly TimeSpan Nine = TimeSpan.FromHours(9);

    [Fact]
    public void A_weekly_window_in_a_zone_with_daylight_saving_keeps_its_local_hours()
    {
        // Saturdays 22:00 Berlin time for four hours: 20:00 UTC in summer, 21:00 UTC in winter.
        var window = new RecurringWindow(new HashSet<DayOfWeek> { DayOfWeek.Saturday }, new TimeOnly(22, 0), TimeSpan.FromHours(4), Berlin);
        var summer = new DateTimeOffset(2026, 7, 4, 20, 0, 0, TimeSpan.Zero);
        var winter = new DateTimeOffset(2026, 12, 5, 21, 0, 0, TimeSpan.Zero);
        Assert.True(window.Contains(summer));
        Assert.False(window.Contains(summer.AddMinutes(-1)));
        Assert.True(window.Contains(winter));
        Assert.False(window.Contains(winter.AddMinutes(-1)));                 // 21:59 CET is before the window
        Assert.False(window.Contains(winter.AddHours(4)));
        // The night the clocks go back (Sunday 2026-10-25 03:00 CEST → 02:00 CET) the window still lasts four hours.
        var changeNight = new DateTimeOffset(2026, 10, 24, 20, 0, 0, TimeSpan.Zero);
        Assert.True(window.Contains(changeNight.AddHours(3.9)));
        Assert.False(window.Contains(changeNight.AddHours(4)));
        // A start in the hour the clock skips (02:30 on 2026-03-29) begins at the offset before the change, not an hour early.
        var skipped = new RecurringWindow(new HashSet<DayOfWeek> { DayOfWeek.Sunday }, new TimeOnly(2, 30), TimeSpan.FromHours(1), Berlin);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), skipped.StartOn(new DateOnly(2026, 3, 29)));
    }

    [Fact]
    public void A_weekly_window_ends_with_the_occurrence_that_begins_on_its_until_date()
    {
        var window = new RecurringWindow(Tuesdays, new TimeOnly(23, 0), TimeSpan.FromHours(3), Tokyo, Until: new DateOnly(2026, 11, 17));
        Assert.True(window.Contains(new DateTimeOffset(2026, 11, 18, 1, 0, 0, Nine)));     // the last one, past midnight
        Assert.False(window.Contains(new DateTimeOffset(2026, 11, 24, 23, 30, 0, Nine)));  // after until
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 2, 0, 0, Nine), window.LastEnd());
        var silence = new Silence("m2", [LabelMatcher.Create("site", "131016")], new DateTimeOffset(2026, 11, 20, 0, 0, 0, Nine), From.AddDays(60),
            "operator1", "定期保守", Recurrence: window);
        Assert.StartsWith("recurrence.until", silence.Validate());
    }

    [Fact]
    public void A_weekly_window_round_trips_through_the_silence_row()
    {
        Assert.True(SilenceRows.TryWindow(new SilenceRecurrence(["saturday", "Sunday"], "22:00", 240, "Asia/Tokyo", "2027-03-27"), out var window, out var error), error);
        var row = new SilenceRecord
        {
            Id = 7, MatchersJson = AlertRows.ToJson(new[] { new SilenceMatcher("site", "130001") }), StartsAt = From, EndsAt = window.LastEnd()!.Value,
            CreatedBy = "operator1", Comment = "定期保守", Maintenance = true,
        };
        SilenceRows.SetRecurrence(row, window);
        Assert.Equal("saturday,sunday", row.RecurrenceDays);
        var back = SilenceRows.Recurrence(row)!;
        Assert.Equal(["saturday", "sunday"], back.Days);
        Assert.Equal(("22:00", 240, "Asia/Tokyo", "2027-03-27"), (back.Start, back.DurationMinutes, back.TimeZone, back.Until));
        var silence = SilenceRows.ToSilence(row)!;
        var node = new Dictionary<string, string> { ["site"] = "130001" };
        Assert.True(silence.Silences(node, new DateTimeOffset(2026, 11, 7, 23, 0, 0, Nine)));
        Assert.False(silence.Silences(node, new DateTimeOffset(2026, 11, 9, 23, 0, 0, Nine)));   // a Monday
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 2, 0, 0, Nine), silence.EndsAt);            // the end of Saturday 27th's occurrence
    }

    [Theory]
    [InlineData("funday", "22:00", 60, "Asia/Tokyo", null, "recurrence.days[0]")]
    [InlineData("monday", "25:00", 60, "Asia/Tokyo", null, "recurrence.start")]
    [InlineData("monday", "22:00", 0, "Asia/Tokyo", null, "recurrence.durationMinutes")]
    [InlineData("monday", "22:00", 60, "Mars/Olympus", null, "recurrence.timeZone")]
    [InlineData("monday", "22:00", 60, "Asia/Tokyo", "2027/01/01", "recurrence.until")]
    public void A_weekly_window_that_cannot_work_is_refused_naming_the_field(string day, string start, int minutes, string zone, string? until, string expected)
    {
        Assert.False(SilenceRows.TryWindow(new SilenceRecurrence([day], start, minutes, zone, until), out _, out var error));
        Assert.StartsWith(expected, error);
    }
}
