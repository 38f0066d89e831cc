using NetOps.Alerting.Store;
using NetOps.Core.Detections;
using NetOps.Core.Inventory;
using NetOps.Core.Sites;
using NetOps.Dashboard.Ui.Board;

namespace NetOps.Dashboard.Tests.Ui.Board;

/// <summary>The board's arithmetic: worst states, a prefecture's colour, what a site's state says of its lines, the snapshot.</summary>
public sealed class BoardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Down_is_worse_than_backup_is_worse_than_degraded_is_worse_than_unknown_is_worse_than_up()
    {
        SiteState[] order = [SiteState.Up, SiteState.Unknown, SiteState.Degraded, SiteState.Backup, SiteState.Down];
        for (int i = 1; i < order.Length; i++) Assert.True(SiteRollup.Rank(order[i]) > SiteRollup.Rank(order[i - 1]), $"{order[i]} > {order[i - 1]}");
        Assert.Equal(SiteState.Down, SiteRollup.Worst([SiteState.Up, SiteState.Down, SiteState.Backup]));
        Assert.Equal(SiteState.Unknown, SiteRollup.Worst([]));
    }

    [Fact]
    public void A_prefecture_takes_the_worst_judged_state_and_is_unknown_only_when_nothing_was_judged()
    {
        Assert.Equal(SiteState.Up, SiteRollup.Prefecture([SiteState.Up, SiteState.Unknown, SiteState.Up]));
        Assert.Equal(SiteState.Backup, SiteRollup.Prefecture([SiteState.Up, SiteState.Backup, SiteState.Degraded, SiteState.Unknown]));
        Assert.Equal(SiteState.Unknown, SiteRollup.Prefecture([SiteState.Unknown, SiteState.Unknown]));
    }

    [Theory]
    [InlineData(SiteState.Up, "primary", LineState.Carrying, LineState.Standby)]
    [InlineData(SiteState.Backup, "backup", LineState.Down, LineState.Carrying)]
    [InlineData(SiteState.Degraded, "primary", LineState.Degraded, LineState.Standby)]
    [InlineData(SiteState.Degraded, "backup", LineState.Down, LineState.Degraded)]
    [InlineData(SiteState.Down, null, LineState.Down, LineState.Down)]
    [InlineData(SiteState.Unknown, null, LineState.Unknown, LineState.Unknown)]
    public void A_sites_state_says_how_each_line_stands(SiteState state, string? active, LineState primary, LineState backup) =>
        Assert.Equal((primary, backup), SiteRollup.Lines(state, active));

    [Fact]
    public void The_snapshot_counts_sites_colours_prefectures_and_counts_open_alerts_per_site()
    {
        var inv = DemoInventory.Generate();
        var known = new Dictionary<string, SiteStatus>
        {
            ["202011"] = new("202011", SiteState.Backup, "backup", T0, "primary link down"),
            ["202029"] = new("202029", SiteState.Up, "primary", T0, null),
            ["131016"] = new("131016", SiteState.Down, "none", T0, null),
        };
        AlertView[] alerts =
        [
            Alert(1, "202011", "critical", "firing"), Alert(2, "202011", "warning", "acknowledged"), Alert(3, "131016", "critical", "suppressed"),
        ];
        var snap = SiteBoard.Build(T0, inv, known, alerts, []);

        Assert.Equal(inv.Sites.Count, snap.Counts.Total);
        Assert.Equal((1, 1, 1), (snap.Counts.Up, snap.Counts.Backup, snap.Counts.Down));
        Assert.Equal(SiteState.Backup, snap.Prefectures.Single(p => p.Code == "20").State);
        Assert.Equal(SiteState.Down, snap.Prefectures.Single(p => p.Code == "13").State);
        Assert.Equal(SiteState.Unknown, snap.Prefectures.Single(p => p.Code == "01").State);
        Assert.Equal(47, snap.Prefectures.Count);
        var nagano = snap.ByCode["202011"];
        Assert.Equal((LineState.Down, LineState.Carrying, 2), (nagano.Primary, nagano.Backup, nagano.OpenAlerts));
        Assert.Equal(new AlertCounts(1, 1, 0, 1), snap.Alerts);
        Assert.Equal(snap.Sites.Count, snap.StateCodes.Length);
        Assert.Equal('b', snap.StateCodes[snap.Sites.ToList().FindIndex(s => s.Code == "202011")]);
    }

    private static AlertView Alert(long id, string site, string severity, string state) =>
        new(id, $"fp{id}", site, "failover_started", severity, state, T0, null, null, null, null, null, "analyzer", null, null,
            new Dictionary<string, string>(), new Dictionary<string, string>(), []);
}
