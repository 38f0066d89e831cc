using Bunit;
using NetOps.Dashboard.Components.Inventory;
using NetOps.Dashboard.Components.Shared;

namespace NetOps.Dashboard.Tests.Components;

/// <summary>A state is never a colour alone: each badge carries a word (STYLE.md).</summary>
public sealed class BadgeTests : BunitHost
{
    [Fact]
    public void Each_role_is_a_badge_with_its_japanese_name_and_the_role_on_hover()
    {
        var cut = Render<RoleBadges>(p => p.Add(c => c.Roles, ["admin", "auditor"]));
        var badges = cut.FindAll("span.badge");
        Assert.Equal(2, badges.Count);
        Assert.Equal(["admin", "auditor"], badges.Select(b => b.GetAttribute("title")));
        Assert.All(badges, b => Assert.False(string.IsNullOrWhiteSpace(b.TextContent)));
        Assert.DoesNotContain(badges, b => b.TextContent.Contains("Role_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("primary", "主")]
    [InlineData("backup", "予備")]
    public void A_line_badge_says_which_line_in_words(string line, string word)
    {
        var cut = Render<LineBadge>(p => p.Add(c => c.Line, line));
        Assert.Contains(word, cut.Find("span.badge").TextContent);
    }

    [Fact]
    public void A_device_on_no_line_shows_a_dash()
    {
        var cut = Render<LineBadge>(p => p.Add(c => c.Line, (string?)null));
        Assert.Equal("—", cut.Find("span").TextContent);
    }
}
