using NetOps.Core.Events;

namespace NetOps.Collector.Tests.Capture;

public sealed class VrrpCaptureTests
{
    [Fact]
    public async Task Every_master_change_in_vrrp_pcap_is_a_vrrp_master_event()
    {
        var run = await CaptureRun.FileAsync("vrrp/vrrp.pcap");
        var masters = run.Events(EventKind.VrrpMaster).ToList();
        // INDEX.md: seven master changes (frame 1 and six preemptions) for each of vrid 42, 43, 44, 45 and 46.
        Assert.Equal(35, masters.Count);
        foreach (var vrid in new[] { 42, 43, 44, 45, 46 })
            Assert.Equal(7, masters.Count(p => CaptureRun.Field(p, "detail").StartsWith($"vrid={vrid} ", StringComparison.Ordinal)));
        // The preempted master of each change becomes backup; nobody falls silent (the last master advertises to the end).
        Assert.Equal(30, run.Events(EventKind.VrrpBackup).Count());
        Assert.Empty(run.Events(EventKind.Generic));
        Assert.Equal(165, run.Counts[NetOps.Collector.Capture.PacketOutcome.Dissected]);
    }

    [Theory]
    [InlineData("2014-03-05 21:55:06.745865", 42, "10.0.0.91", 191, "vrrp-rt91")] // frame 1
    [InlineData("2014-03-05 21:55:34.773565", 42, "10.0.0.92", 192, "vrrp-rt92")] // frame 14
    [InlineData("2014-03-05 21:56:04.643506", 42, "10.0.0.93", 193, "vrrp-rt93")] // frame 29
    [InlineData("2014-03-05 21:55:09.074730", 44, "10.0.0.91", 191, "vrrp-rt91")] // frame 3
    public async Task A_master_change_names_the_router_vrid_and_time_from_the_capture(string utc, int vrid, string address, int priority, string device)
    {
        var run = await CaptureRun.FileAsync("vrrp/vrrp.pcap");
        var e = Assert.Single(run.Events(EventKind.VrrpMaster), p => p.TimestampNs == CaptureRun.Ns(utc));
        Assert.Equal(device, e.GetTag("device"));
        Assert.Equal("352012", e.GetTag("site"));
        Assert.Equal("notice", e.GetTag("severity"));
        Assert.Contains($"vrid={vrid} ", CaptureRun.Field(e, "detail"));
        Assert.Contains($"master={address} priority={priority}", CaptureRun.Field(e, "detail"));
    }

    [Fact]
    public async Task The_preempted_master_is_reported_as_backup_on_its_own_device()
    {
        var run = await CaptureRun.FileAsync("vrrp/vrrp.pcap");
        var backup = Assert.Single(run.Events(EventKind.VrrpBackup), p => p.TimestampNs == CaptureRun.Ns("2014-03-05 21:55:34.773565"));
        Assert.Equal("vrrp-rt91", backup.GetTag("device"));
        Assert.Contains("previous=10.0.0.91", CaptureRun.Field(backup, "detail"));
    }

    [Fact]
    public async Task Ipv6_link_local_masters_no_device_owns_go_to_the_sensor_and_its_site()
    {
        var run = await CaptureRun.FileAsync("vrrp/vrrp.pcap");
        // Frame 6: vrid 45 first advertised by fe80::d6ca:6dff:fe66:cf60.
        var e = Assert.Single(run.Events(EventKind.VrrpMaster), p => p.TimestampNs == CaptureRun.Ns("2014-03-05 21:55:19.064377"));
        Assert.Equal("000000", e.GetTag("site"));
        Assert.Equal("test-sensor", e.GetTag("device"));
        Assert.Contains("master=fe80::d6ca:6dff:fe66:cf60", CaptureRun.Field(e, "detail"));
    }

    [Fact]
    public async Task Vrrp3_over_ipv6_is_read_through_the_vlan_tag()
    {
        var run = await CaptureRun.FileAsync("vrrp/vrrp3-ipv6-vlan.pcapng");
        var masters = run.Events(EventKind.VrrpMaster).OrderBy(p => p.TimestampNs).ToList();
        Assert.Equal(2, masters.Count);
        Assert.Contains("vrid=36 version=3 master=fe80::2 priority=100", CaptureRun.Field(masters[0], "detail"));
        Assert.Contains("vlan=36", CaptureRun.Field(masters[0], "detail"));
        Assert.Contains("master=fe80::1 priority=105", CaptureRun.Field(masters[1], "detail"));
        Assert.Contains("previous=fe80::2", CaptureRun.Field(masters[1], "detail"));
        Assert.Equal(CaptureRun.Ns("2020-05-13 11:50:06.456815"), masters[0].TimestampNs);
        var backup = Assert.Single(run.Events(EventKind.VrrpBackup));
        Assert.Equal(masters[1].TimestampNs, backup.TimestampNs);
        Assert.Equal(10, run.Sum("packets", "vrrp"));
    }
}
