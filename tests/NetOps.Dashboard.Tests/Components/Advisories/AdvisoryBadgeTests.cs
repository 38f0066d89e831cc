using Bunit;
using NetOps.Ceptoar.Advisories;
using NetOps.Dashboard.Components.Advisories;

namespace NetOps.Dashboard.Tests.Components.Advisories;

/// <summary>An advisory's severity, state and TLP read without colour: a word (and an icon) in every badge.</summary>
public sealed class AdvisoryBadgeTests : BunitHost
{
    [Theory]
    [InlineData(AdvisorySeverity.Urgent, "緊急", "text-bg-danger")]
    [InlineData(AdvisorySeverity.Warning, "警告", "text-bg-warning")]
    [InlineData(AdvisorySeverity.Caution, "注意", "text-bg-info")]
    [InlineData(AdvisorySeverity.Information, "情報", "text-bg-secondary")]
    public void A_severity_is_a_colour_an_icon_and_a_word(AdvisorySeverity severity, string word, string css)
    {
        var badge = Render<AdvisorySeverityBadge>(p => p.Add(c => c.Severity, severity)).Find("span.badge");
        Assert.Equal(word, badge.TextContent.Trim());
        Assert.Contains(css, badge.ClassList);
        Assert.NotNull(badge.QuerySelector("i.bi"));
    }

    [Fact]
    public void Every_state_has_its_japanese_word_and_an_icon()
    {
        foreach (var state in Enum.GetValues<AdvisoryState>())
        {
            var badge = Render<AdvisoryStateBadge>(p => p.Add(c => c.State, state)).Find("span.badge");
            Assert.False(string.IsNullOrWhiteSpace(badge.TextContent));
            Assert.DoesNotContain("AdvState_", badge.TextContent, StringComparison.Ordinal);
            Assert.NotNull(badge.QuerySelector("i.bi"));
        }
    }

    [Theory]
    [InlineData(TrafficLightProtocol.Red, "TLP:RED", "tlp-red")]
    [InlineData(TrafficLightProtocol.AmberStrict, "TLP:AMBER+STRICT", "tlp-amberstrict")]
    [InlineData(TrafficLightProtocol.Clear, "TLP:CLEAR", "tlp-clear")]
    public void A_tlp_label_is_written_as_tlp_2_writes_it_in_its_colour(TrafficLightProtocol tlp, string label, string css)
    {
        var badge = Render<TlpBadge>(p => p.Add(c => c.Tlp, tlp)).Find("span.badge");
        Assert.Equal(label, badge.TextContent.Trim());
        Assert.Contains(css, badge.ClassList);
        Assert.DoesNotContain("AdvTlpHint_", badge.GetAttribute("title") ?? "", StringComparison.Ordinal);
    }
}
