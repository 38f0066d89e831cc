using NetOps.Core.Sites;
using NetOps.Dashboard.Ui.Board;

namespace NetOps.Dashboard.Tests.Ui.Board;

public sealed class MunicipalityListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    private static BoardSite S(string code, string name, string kana, string pref, SiteState state, int minutes = 0)
    {
        var (p, b) = SiteRollup.Lines(state, state == SiteState.Backup ? "backup" : "primary");
        return new(code, name, kana, pref, "municipality", state, null, T0.AddMinutes(minutes), null, p, b, 0);
    }

    private static readonly BoardSite[] Sites =
    [
        S("202011", "長野市", "ながのし", "20", SiteState.Up),
        S("202029", "松本市", "まつもとし", "20", SiteState.Backup, 5),
        S("131016", "千代田区", "ちよだく", "13", SiteState.Down, 1),
        S("131024", "中央区", "ちゅうおうく", "13", SiteState.Unknown),
        new("000000", "全国センター", null, "00", "centre", SiteState.Up, null, null, null, LineState.Carrying, LineState.Standby, 0),
    ];

    [Fact]
    public void By_default_the_worst_come_first_and_the_centre_is_not_a_municipality()
    {
        var rows = MunicipalityList.Filter(Sites, null, null, null, null, false);
        Assert.Equal(["131016", "202029", "131024", "202011"], rows.Select(r => r.Code));
    }

    [Theory]
    [InlineData("ナガノ", "202011")]
    [InlineData("まつもと", "202029")]
    [InlineData("千代田", "131016")]
    [InlineData("13102", "131024")]
    public void Search_takes_kana_in_either_script_a_name_or_a_code_prefix(string query, string code) =>
        Assert.Equal([code], MunicipalityList.Filter(Sites, query, null, null, null, false).Select(r => r.Code));

    [Fact]
    public void Filters_by_prefecture_and_state_and_sorts_by_a_column_both_ways()
    {
        Assert.Equal(["202029"], MunicipalityList.Filter(Sites, null, "20", "backup", null, false).Select(r => r.Code));
        Assert.Equal(["131016", "131024"], MunicipalityList.Filter(Sites, null, "13", null, "code", false).Select(r => r.Code));
        Assert.Equal(["131024", "131016"], MunicipalityList.Filter(Sites, null, "13", null, "code", true).Select(r => r.Code));
        // the last change, newest first
        Assert.Equal("202029", MunicipalityList.Filter(Sites, null, null, null, "since", false)[0].Code);
    }
}
