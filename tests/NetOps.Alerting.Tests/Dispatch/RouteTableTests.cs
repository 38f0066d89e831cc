using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Tests.Dispatch;

public sealed class RouteTableTests
{
    static Dictionary<string, string> Labels(string site, string kind, string prefecture = "13", string severity = "critical") =>
        new() { ["site"] = site, ["kind"] = kind, ["prefecture"] = prefecture, ["severity"] = severity };

    static Route RouteTo(string policy, params LabelMatcher[] matchers) =>
        new(matchers, policy, ["prefecture", "kind"], GroupTimings.Default);

    [Fact]
    public void First_matching_route_wins_and_an_empty_matcher_list_catches_the_rest()
    {
        var table = new RouteTable([
            RouteTo("tokyo-security", LabelMatcher.Create("prefecture", "13"), LabelMatcher.Create("kind", "port_scan|syn_flood", isRegex: true)),
            RouteTo("tokyo", LabelMatcher.Create("prefecture", "13")),
            RouteTo("national"),
        ]);

        Assert.Equal("tokyo-security", table.Match(Labels("131016", "syn_flood"))!.Value.Route.Policy);
        Assert.Equal("tokyo", table.Match(Labels("131016", "outage"))!.Value.Route.Policy);
        Assert.Equal("national", table.Match(Labels("011002", "outage", prefecture: "01"))!.Value.Route.Policy);
    }

    [Fact]
    public void Regex_matches_the_whole_value_and_an_absent_label_is_empty()
    {
        var prefix = LabelMatcher.Create("site", "13.*", isRegex: true);
        Assert.True(prefix.Matches(Labels("131016", "outage")));
        Assert.False(prefix.Matches(Labels("013101", "outage")));

        var noDevice = LabelMatcher.Create("device", "");
        Assert.True(noDevice.Matches(Labels("131016", "outage")));
        Assert.False(LabelMatcher.Create("severity", "critical", isNegative: true).Matches(Labels("131016", "outage")));
    }

    [Fact]
    public void Alerts_of_one_prefecture_and_kind_share_a_group_and_others_do_not()
    {
        var table = new RouteTable([RouteTo("national")]);
        var shinjuku = table.Match(Labels("131041", "outage"))!.Value.Key;
        var chiyoda = table.Match(Labels("131016", "outage"))!.Value.Key;
        var sapporo = table.Match(Labels("011002", "outage", prefecture: "01"))!.Value.Key;
        Assert.Equal(shinjuku, chiyoda);
        Assert.NotEqual(shinjuku, sapporo);
    }

    [Theory]
    [InlineData("bad name", "x", false, "not a label name")]
    [InlineData("site", "(unclosed", true, "not a valid regex")]
    public void A_bad_matcher_is_refused_with_an_error_naming_it(string name, string value, bool isRegex, string expected)
    {
        Assert.False(LabelMatcher.TryCreate(name, value, isRegex, false, out _, out var error));
        Assert.Contains(expected, error);
        Assert.Contains(name, error);
    }

    [Fact]
    public void Routes_with_impossible_timings_fail_at_construction_naming_the_route_and_key()
    {
        var bad = new Route([], "p", [], new GroupTimings(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)));
        var e = Assert.Throws<ArgumentException>(() => new RouteTable([RouteTo("ok"), bad]));
        Assert.Contains("route 1", e.Message);
        Assert.Contains("repeatIntervalMinutes", e.Message);
    }
}
