using Bunit;
using NetOps.Dashboard.Components.Shared;

namespace NetOps.Dashboard.Tests.Components;

/// <summary>Times read as the NOC reads them: relative in Japanese, the absolute JST time on hover.</summary>
public sealed class RelativeTimeTests : BunitHost
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero); // 15:00 JST

    [Fact]
    public void Three_minutes_ago_reads_3分前_with_the_jst_time_on_hover()
    {
        var cut = Render<RelativeTime>(p => p.Add(c => c.Value, Now.AddMinutes(-3)).Add(c => c.Now, Now));
        var time = cut.Find("time");
        Assert.Equal("3分前", time.TextContent.Trim());
        Assert.Equal("2026-12-01 14:57:00 JST", time.GetAttribute("title"));
        Assert.Equal("2026-12-01T05:57:00.0000000+00:00", time.GetAttribute("datetime"));
    }

    [Fact]
    public void No_time_shows_a_dash_not_an_error()
    {
        var cut = Render<RelativeTime>(p => p.Add(c => c.Value, (DateTimeOffset?)null));
        Assert.Equal("—", cut.Find("span").TextContent);
    }
}

public sealed class RelativeTimeInEnglishTests() : BunitHost("en")
{
    [Fact]
    public void The_second_culture_is_english()
    {
        var now = DateTimeOffset.UtcNow;
        var cut = Render<RelativeTime>(p => p.Add(c => c.Value, now.AddHours(-2)).Add(c => c.Now, now));
        Assert.DoesNotContain("前", cut.Find("time").TextContent);
        Assert.Contains("2", cut.Find("time").TextContent);
    }
}
