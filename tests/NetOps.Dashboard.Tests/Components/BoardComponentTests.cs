using Bunit;
using NetOps.Core.Sites;
using NetOps.Dashboard.Components.Board;
using NetOps.Dashboard.Ui.Board;

namespace NetOps.Dashboard.Tests.Components;

/// <summary>The board's components say each state in words as well as colour, and link where a person goes next.</summary>
public sealed class BoardComponentTests : BunitHost
{
    [Fact]
    public void A_prefecture_tile_is_coloured_by_its_state_counts_its_troubled_sites_and_opens_its_list()
    {
        BoardPrefecture[] prefs =
        [
            new("13", "東京都", SiteState.Up, new StateCounts(62, 0, 0, 0, 0)),
            new("20", "長野県", SiteState.Backup, new StateCounts(75, 1, 1, 0, 0)),
        ];
        var cut = Render<PrefectureGrid>(p => p.Add(c => c.Prefectures, prefs));
        var nagano = cut.Find("[data-pref='20']");
        Assert.Equal("backup", nagano.GetAttribute("data-state"));
        Assert.Contains("state-backup", nagano.ClassName);
        Assert.Equal("/municipalities?prefecture=20", nagano.GetAttribute("href"));
        Assert.Equal("2", nagano.QuerySelector(".pref-bad")!.TextContent);
        Assert.Contains("バックアップ回線", nagano.GetAttribute("title"));
        Assert.Null(cut.Find("[data-pref='13']").QuerySelector(".pref-bad"));
    }

    [Theory]
    [InlineData(SiteState.Backup, "バックアップ回線")]
    [InlineData(SiteState.Down, "停止")]
    [InlineData(SiteState.Unknown, "未判定")]
    public void A_site_state_badge_says_the_state_in_japanese(SiteState state, string word) =>
        Assert.Equal(word, Render<SiteStateBadge>(p => p.Add(c => c.State, state)).Find("span.badge").TextContent);

    [Fact]
    public void A_line_state_is_a_word_with_its_icon()
    {
        var cut = Render<LineStateBadge>(p => p.Add(c => c.State, LineState.Carrying));
        Assert.Equal("carrying", cut.Find("[data-line-state]").GetAttribute("data-line-state"));
        Assert.Contains("通信中", cut.Markup);
    }
}
