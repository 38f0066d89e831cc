using NetOps.Core.Events;

namespace NetOps.Collector.Tests.Capture;

/// <summary>
/// OSPF: a router's first hello is <c>ospf_up</c>; <c>ospf_down</c> only when its hellos stop for longer than the
/// dead interval it announced, measured in packet time — at a later packet, or at the end of the replay.
/// </summary>
public sealed class OspfCaptureTests
{
    [Fact]
    public async Task Three_routers_say_hello_and_none_is_down_within_the_dead_interval()
    {
        var run = await CaptureRun.FileAsync("ospf/OSPFv2_Capture_FINAL.pcapng"); // 20 s of capture, dead interval 40 s
        var ups = run.Events(EventKind.OspfUp).OrderBy(p => p.TimestampNs).ToList();
        Assert.Equal(3, ups.Count);
        Assert.Contains("router_id=192.168.255.15 area=0.0.0.0 address=192.168.121.5", CaptureRun.Field(ups[0], "detail"));
        Assert.Equal(CaptureRun.Ns("2018-02-14 15:30:19.014914"), ups[0].TimestampNs);
        Assert.Contains("router_id=192.168.255.14", CaptureRun.Field(ups[1], "detail"));
        Assert.Contains("router_id=192.168.255.11", CaptureRun.Field(ups[2], "detail"));
        Assert.All(ups, u => Assert.Contains("hello_s=10 dead_s=40", CaptureRun.Field(u, "detail")));
        Assert.Empty(run.Events(EventKind.OspfDown));
    }

    [Fact]
    public async Task Steady_hellos_to_the_end_of_the_capture_are_not_down()
    {
        var run = await CaptureRun.FileAsync("ospf/ospfv2_md5.pcap");
        Assert.Equal(2, run.Events(EventKind.OspfUp).Count());
        Assert.Empty(run.Events(EventKind.OspfDown));
    }

    [Fact]
    public async Task Hellos_that_stop_are_down_when_the_dead_interval_ran_out()
    {
        // Frames 1–31 are 2004; frame 32 is 2008: by then every 2004 router has been silent far beyond its dead interval.
        var run = await CaptureRun.FileAsync("ospf/ospfv2.pcap");
        var ups = run.Events(EventKind.OspfUp).ToList();
        var downs = run.Events(EventKind.OspfDown).ToList();
        Assert.Contains(ups, u => CaptureRun.Field(u, "detail").Contains("router_id=192.168.170.8 ", StringComparison.Ordinal));
        Assert.Equal(ups.Count, downs.Count);
        Assert.All(downs, d => Assert.Equal("warning", d.GetTag("severity")));
        Assert.All(downs, d => Assert.True(d.TimestampNs < CaptureRun.Ns("2005-01-01 00:00:00"), "stamped when the dead interval ran out, not at the 2008 packet"));
    }
}
