using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Engine;
using NetOps.Core.Detections;
using NetOps.Core.Inventory;

namespace NetOps.Alerting.Tests.Engine;

public sealed class DetectionAlertsTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);
    static readonly Site Chiyoda = new() { Code = "131016", Name = "千代田区", Prefecture = "13", Parent = "130001" };

    static Detection D(DetectionKind kind, DateTimeOffset time) => new()
    {
        Time = time, Site = "131016", Detector = "failover", Kind = kind, Message = "m",
        Evidence = [new DetectionEvidence(time, "event", "link_down", "131016-rt1", "primary", "Gi0/0 down")],
    };

    [Fact]
    public void The_same_condition_found_twice_is_one_alert_and_a_failover_phase_is_the_same_alert_as_its_start()
    {
        var a = DetectionAlerts.From(D(DetectionKind.FailoverStarted, T0), Chiyoda)!;
        var b = DetectionAlerts.From(D(DetectionKind.FailoverStarted, T0.AddMinutes(5)), Chiyoda)!;
        var carrying = DetectionAlerts.From(D(DetectionKind.BackupCarrying, T0.AddSeconds(3)), Chiyoda)!;
        Assert.Equal(LabelSet.Fingerprint(a.Labels), LabelSet.Fingerprint(b.Labels));
        Assert.Equal(LabelSet.Fingerprint(a.Labels), LabelSet.Fingerprint(carrying.Labels));
        Assert.Equal("13", a.Labels[LabelSet.Prefecture]);
        Assert.Equal("千代田区", a.Annotations["siteName"]);
        Assert.Equal("131016-rt1", a.Annotations["devices"]);
        Assert.False(a.ResolvesByItself); // a failover ends with the switchback, not with silence
    }

    [Fact]
    public void A_switchback_fires_nothing_it_clears_and_attacks_resolve_by_themselves()
    {
        Assert.Null(DetectionAlerts.From(D(DetectionKind.Switchback, T0), Chiyoda));
        Assert.True(DetectionAlerts.Clears(DetectionKind.Switchback));
        var scan = DetectionAlerts.From(D(DetectionKind.PortScan, T0), Chiyoda)!;
        Assert.True(scan.ResolvesByItself);
        Assert.Equal("critical", DetectionAlerts.From(D(DetectionKind.Outage, T0), Chiyoda)!.Severity);
    }

    [Fact]
    public void A_site_missing_from_the_inventory_still_fires_without_a_prefecture()
    {
        var a = DetectionAlerts.From(D(DetectionKind.Outage, T0), null)!;
        Assert.False(a.Labels.ContainsKey(LabelSet.Prefecture));
        Assert.Equal("131016", a.Labels[LabelSet.Site]);
    }
}
