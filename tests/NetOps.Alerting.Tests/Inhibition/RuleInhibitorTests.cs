using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Inhibition;

namespace NetOps.Alerting.Tests.Inhibition;

public sealed class RuleInhibitorTests
{
    // A critical outage of a prefecture's node holds that prefecture's warnings, not another prefecture's.
    static RuleInhibitor OutageHoldsWarnings() => Compile(new InhibitRuleOptions
    {
        SourceMatchers = ["kind=\"outage\"", "severity=~\"critical|major\""],
        TargetMatchers = ["severity=\"warning\""],
        Equal = ["prefecture"],
    });

    static RuleInhibitor Compile(params InhibitRuleOptions[] rules)
    {
        var (compiled, errors) = InhibitRuleOptions.Compile(rules);
        Assert.Empty(errors);
        return new RuleInhibitor(compiled);
    }

    static ActiveAlert A(params (string Name, string Value)[] labels)
    {
        var map = labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);
        return new ActiveAlert(LabelSet.Fingerprint(map), map);
    }

    static readonly ActiveAlert TokyoOutage = A(("kind", "outage"), ("severity", "critical"), ("prefecture", "13"), ("site", "130001"));
    static readonly ActiveAlert TokyoWarning = A(("kind", "degraded"), ("severity", "warning"), ("prefecture", "13"), ("site", "131016"));
    static readonly ActiveAlert KanagawaWarning = A(("kind", "degraded"), ("severity", "warning"), ("prefecture", "14"), ("site", "141003"));

    [Fact]
    public void A_firing_source_holds_targets_with_equal_labels_under_it()
    {
        var inhibitor = OutageHoldsWarnings();
        var held = inhibitor.Suppress(TokyoWarning, [TokyoOutage, TokyoWarning, KanagawaWarning]);
        Assert.Equal(TokyoOutage.Fingerprint, held?.SuppressedBy);
        Assert.StartsWith("inhibit rule 0", held?.Reason);
    }

    [Fact]
    public void A_target_whose_equal_labels_differ_from_every_source_pages_as_usual() =>
        Assert.Null(OutageHoldsWarnings().Suppress(KanagawaWarning, [TokyoOutage, TokyoWarning, KanagawaWarning]));

    [Fact]
    public void An_absent_equal_label_counts_as_empty_on_both_sides()
    {
        var noPrefectureSource = A(("kind", "outage"), ("severity", "critical"));
        var noPrefectureTarget = A(("kind", "anomaly"), ("severity", "warning"));
        var inhibitor = OutageHoldsWarnings();
        Assert.Equal(noPrefectureSource.Fingerprint, inhibitor.Suppress(noPrefectureTarget, [noPrefectureSource])?.SuppressedBy);
        Assert.Null(inhibitor.Suppress(TokyoWarning, [noPrefectureSource]));
    }

    [Fact]
    public void A_resolved_source_no_longer_in_the_active_set_releases_its_targets()
    {
        var inhibitor = OutageHoldsWarnings();
        Assert.NotNull(inhibitor.Suppress(TokyoWarning, [TokyoOutage, TokyoWarning]));
        Assert.Null(inhibitor.Suppress(TokyoWarning, [TokyoWarning]));
    }

    [Fact]
    public void An_alert_that_matches_both_sides_never_inhibits_itself()
    {
        // Every critical alert holds every other alert of its site; alone, a critical alert is not held by itself.
        var inhibitor = Compile(new InhibitRuleOptions { SourceMatchers = ["severity=\"critical\""], TargetMatchers = ["site=~\".+\""], Equal = ["site"] });
        var alone = A(("kind", "outage"), ("severity", "critical"), ("site", "130001"));
        Assert.Null(inhibitor.Suppress(alone, [alone]));

        // Two alerts that each match both sides do not hide each other (Alertmanager's two-sided rule)...
        var other = A(("kind", "bgp_down"), ("severity", "critical"), ("site", "130001"));
        Assert.Null(inhibitor.Suppress(alone, [alone, other]));
        Assert.Null(inhibitor.Suppress(other, [alone, other]));
        // ...but a target that is not itself a source is held.
        var warning = A(("kind", "degraded"), ("severity", "warning"), ("site", "130001"));
        Assert.Equal(alone.Fingerprint, inhibitor.Suppress(warning, [alone, other, warning])?.SuppressedBy);
    }

    [Fact]
    public void A_source_that_misses_one_of_its_matchers_holds_nothing()
    {
        var minor = A(("kind", "outage"), ("severity", "minor"), ("prefecture", "13"));
        Assert.Null(OutageHoldsWarnings().Suppress(TokyoWarning, [minor, TokyoWarning]));
    }

    [Theory]
    [InlineData("kind=\"line_down\"", "kind", "line_down", false, false)]
    [InlineData("severity=~\"critical|major\"", "severity", "critical|major", true, false)]
    [InlineData("site != \"131016\"", "site", "131016", false, true)]
    [InlineData("kind!~link_.*", "kind", "link_.*", true, true)]
    [InlineData("summary=\"say \\\"hi\\\"\"", "summary", "say \"hi\"", false, false)]
    public void Matcher_strings_parse_in_Alertmanager_syntax(string text, string name, string value, bool isRegex, bool isNegative)
    {
        Assert.True(LabelMatcher.TryParse(text, out var matcher, out var error), error);
        Assert.Equal((name, value, isRegex, isNegative), (matcher.Name, matcher.Value, matcher.IsRegex, matcher.IsNegative));
    }

    [Theory]
    [InlineData("")]
    [InlineData("kind")]
    [InlineData("=\"x\"")]
    [InlineData("kind=\"open")]
    [InlineData("kind=~\"(\"")]
    [InlineData("9kind=\"x\"")]
    public void Bad_matcher_strings_are_refused_without_throwing(string text) =>
        Assert.False(LabelMatcher.TryParse(text, out _, out _));

    [Fact]
    public void A_bad_rule_is_named_by_its_configuration_key()
    {
        var (rules, errors) = InhibitRuleOptions.Compile(
        [
            new InhibitRuleOptions { SourceMatchers = ["kind=\"outage\""], TargetMatchers = ["severity=\"warning\""] },
            new InhibitRuleOptions { SourceMatchers = ["kind=\"outage\"", "severity=~\"(\""], TargetMatchers = [], Equal = ["site", "bad-name"] },
        ]);
        Assert.Empty(rules);
        Assert.Contains(errors, e => e.StartsWith("Alerting:Inhibit:1:SourceMatchers:1: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerting:Inhibit:1:TargetMatchers: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerting:Inhibit:1:Equal:1: ", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("Alerting:Inhibit:0", StringComparison.Ordinal));
    }
}
