using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Silencing;

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
}
