using NetOps.Core.Events;

namespace NetOps.Collector.Tests.Capture;

/// <summary>Expectations from INDEX.md and the tcpdump -v reference outputs beside the BGP captures.</summary>
public sealed class BgpCaptureTests
{
    [Fact]
    public async Task Four_sessions_come_up_and_one_is_ceased_in_bgp_4byte_asn()
    {
        var run = await CaptureRun.FileAsync("bgp/bgp-4byte-asn.pcap");
        var ups = run.Events(EventKind.BgpUp).ToList();
        Assert.Equal(4, ups.Count);
        // The speaker's real AS comes from the 4-octet AS capability (its OPEN says AS_TRANS 23456).
        Assert.All(ups, u => Assert.Contains("2764334674", CaptureRun.Field(u, "detail")));
        foreach (var peerAs in new[] { "200", "300", "400", "1" })
            Assert.Single(ups, u => CaptureRun.Field(u, "detail").Split(' ').Any(kv => kv is var s && (s == $"local_as={peerAs}" || s == $"peer_as={peerAs}")));
        var down = Assert.Single(run.Events(EventKind.BgpDown));
        Assert.Contains("sender=1.0.0.2 peer=1.0.0.1 code=6 subcode=6", CaptureRun.Field(down, "detail"));
        Assert.Contains("Cease / Other Configuration Change", CaptureRun.Field(down, "message"));
        Assert.Equal("bgp-rt1", down.GetTag("device")); // 1.0.0.2 is in the test inventory
        Assert.Equal("warning", down.GetTag("severity"));
    }

    [Fact]
    public async Task A_session_reset_and_reestablished_is_up_down_up()
    {
        var run = await CaptureRun.FileAsync("bgp/bgp-lu-multiple-labels.pcap");
        var kinds = run.Points.Where(p => p.Measurement == Measurements.Event).OrderBy(p => p.TimestampNs).Select(p => p.GetTag("kind")).ToList();
        Assert.Equal(["bgp_up", "bgp_down", "bgp_up"], kinds);
        var down = Assert.Single(run.Events(EventKind.BgpDown));
        Assert.Contains("sender=2.1.1.2 peer=2.1.1.1 code=6 subcode=4", CaptureRun.Field(down, "detail"));
        Assert.Contains("Administrative Reset", CaptureRun.Field(down, "message"));
        Assert.Contains("sender_as=100 peer_as=100", CaptureRun.Field(down, "detail"));
    }

    [Fact]
    public async Task Hard_reset_names_the_cease_reason_it_wraps()
    {
        var run = await CaptureRun.FileAsync("bgp/bgp-cease-hard-reset.pcap");
        var up = Assert.Single(run.Events(EventKind.BgpUp));
        Assert.Contains("hold_s=3600", CaptureRun.Field(up, "detail"));
        var down = Assert.Single(run.Events(EventKind.BgpDown));
        Assert.Contains("code=6 subcode=9", CaptureRun.Field(down, "detail"));
        Assert.Contains("inner_code=6 inner_subcode=3", CaptureRun.Field(down, "detail"));
        Assert.Contains("Cease / Hard Reset (Cease / Peer De-configured)", CaptureRun.Field(down, "message"));
    }

    [Theory]
    [InlineData("bgp/bgp-shutdown-communication.pcapng", 2, "165.254.255.24", "code=6 subcode=2")]
    [InlineData("bgp/bgp-bfd-cease.pcap", 1, "127.0.0.1", "code=6 subcode=10")]
    [InlineData("bgp/bgp_notification_rr_msg_error.pcap", 1, "1.1.1.1", "code=7 subcode=1")]
    public async Task Notifications_without_a_captured_open_are_still_sessions_going_down(string file, int count, string sender, string codes)
    {
        var run = await CaptureRun.FileAsync(file);
        var downs = run.Events(EventKind.BgpDown).ToList();
        Assert.Equal(count, downs.Count);
        Assert.Contains(downs, d => CaptureRun.Field(d, "detail").Contains($"sender={sender}", StringComparison.Ordinal)
                                    && CaptureRun.Field(d, "detail").Contains(codes, StringComparison.Ordinal));
        Assert.Empty(run.Events(EventKind.BgpUp));
    }

    [Fact]
    public async Task Shutdown_communication_names_both_cease_subcodes()
    {
        var run = await CaptureRun.FileAsync("bgp/bgp-shutdown-communication.pcapng");
        var messages = run.Events(EventKind.BgpDown).Select(d => CaptureRun.Field(d, "message")).ToList();
        Assert.Contains(messages, m => m.EndsWith("Cease / Administrative Shutdown", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith("Cease / Administrative Reset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_single_open_of_an_established_session_is_not_an_up()
    {
        var run = await CaptureRun.FileAsync("bgp/bgp-role.pcapng"); // Linux cooked capture, one OPEN only
        Assert.Empty(run.Events(EventKind.BgpUp));
        Assert.Equal(9, run.Counts[NetOps.Collector.Capture.PacketOutcome.Dissected]);
    }
}
