using System.Text.Json;
using NetOps.Analyzer.Failover;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Sites;

namespace NetOps.Analyzer.Tests.Failover;

public sealed class FailoverTrackerTests
{
    private const string Site = "352012";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    private readonly FailoverOptions _options = new() { MinCarryingBytes = 1_000, TrafficBucketSeconds = 10, FlapCount = 4, FlapWindowSeconds = 600, SilenceSeconds = 300 };
    private readonly FailoverTracker _tracker = new();
    private readonly List<Detection> _stored = [];

    [Fact]
    public void A_drill_seen_through_syslog_vrrp_bgp_and_traffic_is_three_phase_detections_with_durations()
    {
        // Normal traffic on the primary.
        Traffic(0, LineRole.Primary, 50_000);
        Traffic(0, LineRole.Backup, 0);
        Event(12, "link_down", LineRole.Primary, "rt1");
        Event(13, "vrrp_master", LineRole.Backup, "rt2");
        Event(14, "vrrp_backup", LineRole.Primary, "rt1");
        Traffic(20, LineRole.Primary, 10);
        Traffic(20, LineRole.Backup, 40_000);
        Event(100, "bgp_down", LineRole.Primary, "rt1"); // the hold timer runs out long after the link
        Traffic(30, LineRole.Backup, 40_000);
        Event(300, "link_up", LineRole.Primary, "rt1");
        Event(302, "vrrp_master", LineRole.Primary, "rt1");
        Event(303, "vrrp_backup", LineRole.Backup, "rt2");
        Traffic(320, LineRole.Primary, 45_000);

        var byKind = Latest();
        Assert.Equal([DetectionKind.FailoverStarted, DetectionKind.BackupCarrying, DetectionKind.Switchback], byKind.Keys.Order().ToArray());
        var started = byKind[DetectionKind.FailoverStarted];
        Assert.Equal(T0.AddSeconds(12), started.Time);
        Assert.Contains(started.Evidence, e => e.Kind == "link_down");
        Assert.Contains(started.Evidence, e => e.Kind == "bgp_down");
        var carrying = byKind[DetectionKind.BackupCarrying];
        Assert.Equal(T0.AddSeconds(13), carrying.Time);
        Assert.Contains(carrying.Evidence, e => e.Source == "flow" && e.Device == "rt2");
        var back = byKind[DetectionKind.Switchback];
        Assert.Equal(T0.AddSeconds(302), back.Time);
        Assert.Equal(1, back.Durations["takeover"]);
        Assert.Equal(289, back.Durations["onBackup"]);
        Assert.Equal(2, back.Durations["switchback"]);
        Assert.Equal(290, back.Durations["total"]);
        Assert.Contains(back.Evidence, e => e.Kind == "link_up");
        Assert.Contains(back.Evidence, e => e.Source == "flow" && e.Line == "primary");
        Assert.Equal(SiteState.Up, Status().State);
    }

    [Fact]
    public void While_on_the_backup_the_site_state_is_backup_and_the_backup_line_is_active()
    {
        Event(0, "link_down", LineRole.Primary, "rt1");
        Traffic(10, LineRole.Backup, 20_000);
        var status = Status();
        Assert.Equal(SiteState.Backup, status.State);
        Assert.Equal("backup", status.ActiveLine);
        Assert.Equal(T0.AddSeconds(0), Latest()[DetectionKind.BackupCarrying].Time);
    }

    [Fact]
    public void A_traffic_shift_alone_is_a_failover()
    {
        Traffic(10, LineRole.Primary, 50_000);
        Traffic(20, LineRole.Backup, 50_000);
        Traffic(20, LineRole.Primary, 0);
        var byKind = Latest();
        Assert.Equal(T0.AddSeconds(20), byKind[DetectionKind.FailoverStarted].Time);
        Assert.True(byKind.ContainsKey(DetectionKind.BackupCarrying));
    }

    [Fact]
    public void The_primary_carrying_in_the_window_of_the_failure_is_not_a_switchback()
    {
        Event(5, "link_down", LineRole.Primary, "rt1");
        Traffic(10, LineRole.Primary, 30_000); // the window [0, 10) still had traffic before the failure
        Traffic(10, LineRole.Backup, 30_000);
        Assert.False(Latest().ContainsKey(DetectionKind.Switchback));
        Assert.Equal(SiteState.Backup, Status().State);
    }

    [Fact]
    public void The_backups_last_window_after_a_switchback_is_not_a_new_failover()
    {
        Event(0, "link_down", LineRole.Primary, "rt1");
        Event(0, "vrrp_master", LineRole.Backup, "rt2");
        Event(30, "vrrp_master", LineRole.Primary, "rt1");
        Traffic(30, LineRole.Backup, 40_000); // the window [29, 30) was still the backup's
        Traffic(40, LineRole.Primary, 40_000);
        Assert.Single(_stored.Where(d => d.Kind == DetectionKind.FailoverStarted).Select(d => d.Id).Distinct());
        Assert.Equal(SiteState.Up, Status().State);
    }

    [Fact]
    public void Both_lines_down_is_an_outage()
    {
        Event(0, "link_down", LineRole.Primary, "rt1");
        Event(30, "link_down", LineRole.Backup, "rt2");
        Assert.Equal(T0.AddSeconds(30), Latest()[DetectionKind.Outage].Time);
        Assert.Equal(SiteState.Down, Status().State);
    }

    [Fact]
    public void A_site_that_goes_silent_while_others_send_is_an_outage_but_a_silent_collector_is_not()
    {
        Traffic(10, LineRole.Primary, 50_000);
        Tick(T0.AddHours(1));
        Assert.Empty(_stored); // nothing else arrived either: the collector stopped, not the site

        _tracker.Process(new LineSignal(T0.AddSeconds(400), "353001", LineRole.Primary, SignalKind.Traffic, "flow", "other", null, 9_000), _options, new FailoverOutput());
        Tick(T0.AddSeconds(401));
        var outage = Assert.Single(_stored, d => d.Kind == DetectionKind.Outage);
        Assert.Equal(Site, outage.Site);
        Assert.Equal(T0.AddSeconds(10), outage.Time);
    }

    [Fact]
    public void A_flapping_line_is_reported_once_and_holds_back_further_failovers()
    {
        for (int i = 0; i < 6; i++)
        {
            Event(i * 20, "link_down", LineRole.Primary, "rt1");
            Event(i * 20 + 10, "link_up", LineRole.Primary, "rt1");
        }
        var flapping = _stored.Where(d => d.Kind == DetectionKind.Flapping).Select(d => d.Id).Distinct().ToList();
        Assert.Single(flapping);
        // Two cycles before the fourth change: two failovers; none after.
        Assert.Equal(2, _stored.Where(d => d.Kind == DetectionKind.FailoverStarted).Select(d => d.Id).Distinct().Count());
        Assert.Equal(SiteState.Degraded, Status().State);
        Tick(T0.AddSeconds(120 + 600));
        Assert.Equal(SiteState.Up, Status().State);
    }

    [Fact]
    public void Syslog_alone_switches_back_when_the_primary_comes_up()
    {
        Event(0, "link_down", LineRole.Primary, "rt1");
        Event(60, "link_up", LineRole.Primary, "rt1");
        Assert.Equal(T0.AddSeconds(60), Latest()[DetectionKind.Switchback].Time);
    }

    [Fact]
    public void The_state_survives_a_round_trip_through_json_in_mid_failover()
    {
        Event(0, "link_down", LineRole.Primary, "rt1");
        Event(1, "vrrp_master", LineRole.Backup, "rt2");
        var json = JsonSerializer.Serialize(_tracker, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var restored = JsonSerializer.Deserialize<FailoverTracker>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var output = new FailoverOutput();
        restored.Process(new LineSignal(T0.AddSeconds(50), Site, LineRole.Primary, SignalKind.BecameMaster, "vrrp_master", "rt1"), _options, output);
        var back = Assert.Single(output.Detections, d => d.Kind == DetectionKind.Switchback);
        Assert.Equal(1, back.Durations["takeover"]);
        Assert.Equal(49, back.Durations["onBackup"]);
    }

    [Fact]
    public void Events_on_no_line_and_from_unknown_senders_are_not_signals()
    {
        Assert.Null(FailoverSignals.FromEvent(T0, Site, "rt1", "link_down", "none", "x"));
        Assert.Null(FailoverSignals.FromEvent(T0, "unknown", "rt1", "link_down", "primary", "x"));
        Assert.Null(FailoverSignals.FromEvent(T0, Site, "rt1", "config_change", "primary", "x"));
        Assert.Equal(SignalKind.BecameMaster, FailoverSignals.FromEvent(T0, Site, "rt1", "hsrp_active", "backup", "x")!.Kind);
    }

    [Fact]
    public void A_primary_interface_erroring_for_two_polls_is_one_degraded_detection_until_three_clean_polls()
    {
        Poll(0, errors: 0);
        Poll(60, errors: 500); // one bad poll is not yet degraded
        Assert.Equal(SiteState.Up, Status().State);
        Poll(120, errors: 400);
        Poll(180, errors: 900);
        var degraded = Assert.Single(_stored.GroupBy(d => d.Id).Select(g => g.Last()), d => d.Kind == DetectionKind.Degraded);
        Assert.Equal(T0.AddSeconds(60), degraded.Time);
        Assert.Equal("primary", degraded.Line);
        Assert.Equal(2, degraded.Evidence.Count);
        Assert.All(degraded.Evidence, e => Assert.Equal("errors", e.Kind));
        Assert.Equal(500, degraded.Evidence[0].Value!.Value, 6); // errors per minute over the 60 s poll
        Assert.Equal(SiteState.Degraded, Status().State);

        Poll(240, errors: 0);
        Poll(300, errors: 1);
        Assert.Equal(SiteState.Degraded, Status().State);
        Poll(360, errors: 0);
        Assert.Equal(SiteState.Up, Status().State);
        Assert.Single(_stored, d => d.Kind == DetectionKind.Degraded);
    }

    [Fact]
    public void A_primary_interface_near_its_speed_is_saturated_and_the_backups_errors_do_not_count()
    {
        // 100 Mbit/s: 95 % of it for 60 s is 712,500,000 octets
        Poll(0, errors: 0, octets: 0, speedMbps: 100);
        Poll(60, errors: 0, octets: 712_500_000, speedMbps: 100);
        Poll(120, errors: 0, octets: 700_000_000, speedMbps: 100);
        var degraded = Assert.Single(_stored, d => d.Kind == DetectionKind.Degraded);
        Assert.Equal("utilization", degraded.Evidence[0].Kind);
        Assert.Equal(0.95, degraded.Evidence[0].Value!.Value, 3);
        Assert.Contains("saturated", degraded.Message);

        var backup = new FailoverTracker();
        var output = new FailoverOutput();
        for (int i = 0; i < 5; i++)
            backup.Process(FailoverSignals.FromInterface(T0.AddSeconds(i * 60), Site, "rt2", "Gi0/1", "backup", 0, 0, 10_000, 10_000, true, 100)!, _options, output);
        Assert.Empty(output.Detections);
        Assert.Equal(SiteState.Up, FailoverTracker.StatusOf(Site, backup.Sites[Site]).State);
    }

    [Fact]
    public void A_polled_oper_status_down_is_a_failover_and_the_poll_that_finds_it_up_again_the_switchback()
    {
        Poll(0, errors: 0);
        Poll(60, errors: 0, up: false);
        Assert.Equal(T0.AddSeconds(60), Latest()[DetectionKind.FailoverStarted].Time);
        Assert.Equal("snmp", Latest()[DetectionKind.FailoverStarted].Evidence[0].Kind);
        Poll(120, errors: 0, up: false);
        Poll(180, errors: 0);
        Assert.Equal(T0.AddSeconds(180), Latest()[DetectionKind.Switchback].Time);
        Assert.Equal(SiteState.Up, Status().State);
        Assert.DoesNotContain(_stored, d => d.Kind == DetectionKind.Degraded);
    }

    [Fact]
    public void The_backup_interfaces_own_counters_show_it_carrying_after_the_primary_went_down_and_its_keepalives_do_not()
    {
        // the backup line idles at 200 B/s (keepalives), well below 12,500 B/s; it busies itself before any failure
        BackupPoll(0, octets: 12_000, elapsed: 60);
        BackupPoll(60, octets: 60 * 50_000, elapsed: 60); // active/active sites use both lines: not a failover
        Assert.Empty(_stored);
        Poll(60, errors: 0);
        Poll(120, errors: 0, up: false); // the primary's poll finds it down
        BackupPoll(120, octets: 12_000, elapsed: 60);
        Assert.DoesNotContain(_stored, d => d.Kind == DetectionKind.BackupCarrying);
        // the next poll counts 60 s of 4 Mbit/s: carrying since the poll interval began, not before the failover
        BackupPoll(180, octets: 60 * 500_000, elapsed: 60);
        var carrying = Latest()[DetectionKind.BackupCarrying];
        Assert.Equal(T0.AddSeconds(120), carrying.Time);
        Assert.Equal(0, carrying.Durations["takeover"]);
        var evidence = Assert.Single(carrying.Evidence);
        Assert.Equal(("interface", "octets", "backup"), (evidence.Source, evidence.Kind, evidence.Line));
        Assert.Contains("4 Mbit/s over 60 s", evidence.Detail);
        Assert.Equal(SiteState.Backup, Status().State);
        // one detection per phase: the next busy poll adds nothing
        BackupPoll(240, octets: 60 * 500_000, elapsed: 60);
        Assert.Single(_stored, d => d.Kind == DetectionKind.BackupCarrying);
    }

    [Fact]
    public void Interface_points_on_no_line_are_not_signals()
    {
        Assert.Null(FailoverSignals.FromInterface(T0, Site, "rt1", "lo", "none", 1, 1, 9_999, 0, true, 1));
        Assert.Null(FailoverSignals.FromInterface(T0, "unknown", "rt1", "Gi0/0", "primary", 1, 1, 9_999, 0, true, 1));
        var noErrors = FailoverSignals.FromInterface(T0, Site, "rt1", "Gi0/0", "primary", 5, 7, null, null, true, null)!;
        Assert.True(double.IsNaN(noErrors.Errors));
        Assert.Equal(7, noErrors.Bytes);
        Assert.Equal(0, noErrors.SpeedBitsPerSecond);
    }

    private void Poll(int second, double errors, double octets = 1_000, double speedMbps = 1_000, bool up = true)
    {
        var s = FailoverSignals.FromInterface(T0.AddSeconds(second), Site, "rt1", "Gi0/0", "primary", octets, octets / 2, errors, 0, up, speedMbps)!;
        var output = new FailoverOutput();
        _tracker.Process(s, _options, output);
        _stored.AddRange(output.Detections);
    }

    private void BackupPoll(int second, double octets, double elapsed)
    {
        var s = FailoverSignals.FromInterface(T0.AddSeconds(second), Site, "rt2", "LAN2", "backup", octets, octets / 4, 0, 0, true, 100, elapsed)!;
        var output = new FailoverOutput();
        _tracker.Process(s, _options, output);
        _stored.AddRange(output.Detections);
    }

    private void Tick(DateTimeOffset at)
    {
        var output = new FailoverOutput();
        _tracker.Tick(at, _options, output);
        _stored.AddRange(output.Detections);
    }

    private void Event(int second, string kind, LineRole line, string device)
    {
        var s = FailoverSignals.FromEvent(T0.AddSeconds(second), Site, device, kind, line.ToTag(), $"{kind} on {device}")!;
        var output = new FailoverOutput();
        _tracker.Process(s, _options, output);
        _stored.AddRange(output.Detections);
    }

    private void Traffic(int second, LineRole line, double bytes)
    {
        var output = new FailoverOutput();
        _tracker.Process(new LineSignal(T0.AddSeconds(second), Site, line, SignalKind.Traffic, "flow", line == LineRole.Primary ? "rt1" : "rt2", null, bytes), _options, output);
        _stored.AddRange(output.Detections);
    }

    /// <summary>The last version of each detection (later evidence amends the same id), by kind; fails if a kind was found twice.</summary>
    private Dictionary<DetectionKind, Detection> Latest()
    {
        var latest = _stored.GroupBy(d => d.Id).Select(g => g.Last()).ToList();
        foreach (var g in latest.GroupBy(d => d.Kind)) Assert.True(g.Count() == 1, $"{g.Key} found {g.Count()} times");
        return latest.ToDictionary(d => d.Kind);
    }

    private SiteStatus Status() => FailoverTracker.StatusOf(Site, _tracker.Sites[Site]);
}
