using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Inhibition;

namespace NetOps.Alerting.Tests.Inhibition;

public sealed class TopologyInhibitorTests
{
    // Centre 000000 → Tokyo's node 130001 → Chiyoda 131016 and Shinjuku 131041; Hokkaido's node 010006 → Sapporo 011002.
    static readonly Dictionary<string, string> Parents = new()
    {
        ["131016"] = "130001", ["131041"] = "130001", ["130001"] = "000000",
        ["011002"] = "010006", ["010006"] = "000000",
    };

    static readonly TopologyInhibitor Inhibitor = new(
        site => Parents.GetValueOrDefault(site),
        new HashSet<string> { "outage" },
        new HashSet<string> { "outage", "failover_started", "backup_carrying", "degraded" });

    static ActiveAlert Alert(string site, string kind)
    {
        var labels = new Dictionary<string, string> { ["site"] = site, ["kind"] = kind };
        return new ActiveAlert(LabelSet.Fingerprint(labels), labels);
    }

    static string? NoMaintenance(string site) => null;

    [Fact]
    public void Municipality_line_alerts_are_held_under_their_prefecture_node_that_is_down()
    {
        var node = Alert("130001", "outage");
        var chiyoda = Alert("131016", "outage");
        var shinjuku = Alert("131041", "failover_started");
        var sapporo = Alert("011002", "outage");
        ActiveAlert[] active = [node, chiyoda, shinjuku, sapporo];

        Assert.Equal(node.Fingerprint, Inhibitor.Suppress(chiyoda, active, NoMaintenance)?.SuppressedBy);
        Assert.Equal(node.Fingerprint, Inhibitor.Suppress(shinjuku, active, NoMaintenance)?.SuppressedBy);
        Assert.Null(Inhibitor.Suppress(sapporo, active, NoMaintenance));   // another prefecture pages as usual
        Assert.Null(Inhibitor.Suppress(node, active, NoMaintenance));      // the parent itself pages
    }

    [Fact]
    public void Children_are_released_when_the_parent_recovers()
    {
        var chiyoda = Alert("131016", "outage");
        Assert.NotNull(Inhibitor.Suppress(chiyoda, [Alert("130001", "outage"), chiyoda], NoMaintenance));
        Assert.Null(Inhibitor.Suppress(chiyoda, [chiyoda], NoMaintenance));
    }

    [Fact]
    public void Children_stay_suppressed_while_the_parent_is_in_a_maintenance_window()
    {
        var chiyoda = Alert("131016", "outage");
        var suppression = Inhibitor.Suppress(chiyoda, [chiyoda], site => site == "130001" ? "maintenance-42" : null);
        Assert.Equal("maintenance-42", suppression?.SuppressedBy);
        Assert.Contains("maintenance", suppression?.Reason);
    }

    [Fact]
    public void A_down_grandparent_suppresses_too_and_security_alerts_are_never_suppressed()
    {
        var centre = Alert("000000", "outage");
        Assert.Equal(centre.Fingerprint, Inhibitor.Suppress(Alert("011002", "degraded"), [centre], NoMaintenance)?.SuppressedBy);
        Assert.Null(Inhibitor.Suppress(Alert("131016", "port_scan"), [centre], NoMaintenance));
    }

    [Fact]
    public void A_cycle_in_the_inventory_does_not_loop()
    {
        var looped = new TopologyInhibitor(site => site == "a" ? "b" : "a", new HashSet<string> { "outage" }, new HashSet<string> { "outage" });
        var a = Alert("a", "outage");
        Assert.Null(looped.Suppress(a, [a], NoMaintenance));
    }
}
