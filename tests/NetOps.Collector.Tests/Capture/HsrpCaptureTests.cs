using NetOps.Core.Events;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Tests.Capture;

/// <summary>The four HSRP captures of INDEX.md, replayed through the pipeline: every Active/Standby change, in order, per router.</summary>
public sealed class HsrpCaptureTests
{
    /// <summary>Site 352012 with the three routers of the HSRPv1 captures (192.168.0.10, .20, .30).</summary>
    private static SiteInventory Inventory() => new(
    [
        new Site { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00" },
        new Site
        {
            Code = "352012", Name = "下関市", Prefecture = "35", Parent = "000000",
            Devices = [.. new[] { 10, 20, 30 }.Select(i => new Device
            {
                Name = $"hsrp-rt{i}", Kind = "router", Line = i == 10 ? "primary" : "backup", Addresses = [$"192.168.0.{i}"],
            })],
        },
    ]);

    private static async Task<CaptureRun> RunAsync(string file) => await CaptureRun.FileAsync("hsrp/" + file, inventory: Inventory());

    /// <summary>hsrp_active, hsrp_standby and generic events as (kind, router, UTC time, severity), in written order.</summary>
    private static List<(string Kind, string Router, long Ns, string Severity)> Changes(CaptureRun run) =>
    [
        .. run.Points
            .Where(p => p.Measurement == Measurements.Event && p.GetTag("kind") is "hsrp_active" or "hsrp_standby" or "generic")
            .Select(p => (p.GetTag("kind")!, Router(p), p.TimestampNs, p.GetTag("severity")!)),
    ];

    private static string Router(NetOps.Core.Influx.Point p)
    {
        var detail = CaptureRun.Field(p, "detail");
        int at = detail.IndexOf("router=", StringComparison.Ordinal) + "router=".Length;
        return detail[at..detail.IndexOf(' ', at)];
    }

    [Fact]
    public async Task Election_three_routers_start_in_speak_and_10_becomes_standby_then_active_and_30_standby()
    {
        var run = await RunAsync("HSRP_election.pcap");
        Assert.Equal(
        [
            ("hsrp_standby", "192.168.0.10", CaptureRun.Ns("2008-06-19 05:39:08.542959"), "notice"), // frame 9
            ("hsrp_active", "192.168.0.10", CaptureRun.Ns("2008-06-19 05:39:09.038965"), "notice"),  // frame 11
            ("hsrp_standby", "192.168.0.30", CaptureRun.Ns("2008-06-19 05:39:28.576061"), "notice"), // frame 27
        ], Changes(run));
        // .20 stays in Speak: never an event of its own.
        Assert.DoesNotContain(run.Points, p => p.GetTag("device") == "hsrp-rt20");
    }

    [Fact]
    public async Task Failover_the_silent_active_is_reported_when_its_hold_time_runs_out_and_30_takes_over()
    {
        var run = await RunAsync("HSRP_failover.pcap");
        Assert.Equal(
        [
            ("hsrp_active", "192.168.0.10", CaptureRun.Ns("2008-06-19 05:47:25.764806"), "notice"),  // frame 1
            ("hsrp_standby", "192.168.0.30", CaptureRun.Ns("2008-06-19 05:47:28.532569"), "notice"), // frame 4
            // Frame 11 is .10's last hello (05:47:36.037479); its hold time is 10 s.
            ("hsrp_standby", "192.168.0.10", CaptureRun.Ns("2008-06-19 05:47:46.037479"), "warning"),
            ("hsrp_active", "192.168.0.30", CaptureRun.Ns("2008-06-19 05:47:46.037985"), "notice"),  // frame 17
            ("hsrp_standby", "192.168.0.20", CaptureRun.Ns("2008-06-19 05:47:56.022233"), "notice"), // frame 26
        ], Changes(run));
        var silent = run.Events(EventKind.HsrpStandby).ElementAt(1);
        Assert.Equal("hsrp-rt10", silent.GetTag("device"));
        Assert.Equal("352012", silent.GetTag("site"));
        Assert.Equal("primary", silent.GetTag("line"));
        Assert.Contains("silent", CaptureRun.Field(silent, "message"));
        var active = run.Events(EventKind.HsrpActive).Last();
        Assert.Equal("hsrp-rt30", active.GetTag("device"));
        Assert.Contains("previous active 192.168.0.10 silent", CaptureRun.Field(active, "message"));
        Assert.StartsWith("group=1 version=1 router=192.168.0.30 state=active priority=100 hold_ms=10000 vip=192.168.0.1", CaptureRun.Field(active, "detail"));
    }

    [Fact]
    public async Task Coup_the_active_drops_to_speak_the_coup_sender_becomes_active_and_the_silent_standby_is_a_warning()
    {
        var run = await RunAsync("HSRP_coup.pcap");
        Assert.Equal(
        [
            ("hsrp_active", "192.168.0.30", CaptureRun.Ns("2008-06-19 05:52:16.041638"), "notice"),  // frame 1
            ("hsrp_standby", "192.168.0.20", CaptureRun.Ns("2008-06-19 05:52:17.053757"), "notice"), // frame 2
            ("hsrp_standby", "192.168.0.30", CaptureRun.Ns("2008-06-19 05:52:37.086910"), "notice"), // frame 26: active -> speak
            ("hsrp_active", "192.168.0.10", CaptureRun.Ns("2008-06-19 05:52:37.091536"), "notice"),  // frame 27
            // Frame 17 is the standby's last hello (05:52:35.043436), hold time 10 s; its later packets are Advertise (op code 3).
            ("generic", "192.168.0.20", CaptureRun.Ns("2008-06-19 05:52:45.043436"), "warning"),
            ("hsrp_standby", "192.168.0.30", CaptureRun.Ns("2008-06-19 05:52:47.079471"), "notice"), // frame 35
        ], Changes(run));
        var stepDown = run.Events(EventKind.HsrpStandby).ElementAt(1);
        Assert.Contains("after a coup by 192.168.0.10", CaptureRun.Field(stepDown, "message"));
        Assert.Contains("state=speak", CaptureRun.Field(stepDown, "detail"));
        Assert.Contains("after a coup by 192.168.0.10", CaptureRun.Field(run.Events(EventKind.HsrpActive).Last(), "message"));
    }

    [Fact]
    public async Task Hsrp2_over_ipv6_is_read_through_the_vlan_tag_with_millisecond_timers()
    {
        var run = await RunAsync("hsrp2-ipv6-vlan.pcapng");
        Assert.Equal(
        [
            ("hsrp_standby", "fe80::1", CaptureRun.Ns("2020-05-13 11:25:46.013916"), "notice"), // frame 9
            ("hsrp_active", "fe80::1", CaptureRun.Ns("2020-05-13 11:25:47.542943"), "notice"),  // frame 12
            ("hsrp_standby", "fe80::2", CaptureRun.Ns("2020-05-13 11:26:03.970340"), "notice"), // frame 16
        ], Changes(run));
        var active = Assert.Single(run.Events(EventKind.HsrpActive));
        Assert.Equal("group=16 version=2 router=fe80::1 state=active priority=105 hold_ms=20000 vip=fe80::5:73ff:fea0:10 vlan=16 previous_state=standby",
            CaptureRun.Field(active, "detail"));
        // Link-local routers no device owns: the sensor's site.
        Assert.Equal("000000", active.GetTag("site"));
        Assert.Equal("test-sensor", active.GetTag("device"));
    }

    [Fact]
    public void The_hsrp_kinds_are_tags_of_the_closed_set()
    {
        Assert.Equal("hsrp_active", EventKind.HsrpActive.ToTag());
        Assert.Equal("hsrp_standby", EventKind.HsrpStandby.ToTag());
        Assert.True(EventKinds.TryParse("hsrp_standby", out var kind));
        Assert.Equal(EventKind.HsrpStandby, kind);
    }
}
