using NetOps.Collector.Capture;
using NetOps.Core.Influx;

namespace NetOps.Collector.Tests.Capture;

public sealed class PacketAggregatorTests
{
    private const long S = 1_000_000_000L;

    [Fact]
    public void Windows_follow_packet_time_and_are_stamped_at_their_start()
    {
        var a = new PacketAggregator("352012", "tap1", 10);
        var output = new List<Point>();
        long t0 = 1_700_000_000 * S; // a multiple of 10 s
        a.Add(t0 + 1 * S, PacketProto.Tcp, 60, PacketInfo.Syn, output);
        a.Add(t0 + 2 * S, PacketProto.Tcp, 60, PacketInfo.Syn | PacketInfo.Ack, output);
        a.Add(t0 + 3 * S, PacketProto.Udp, 100, 0, output);
        Assert.Empty(output);
        a.Add(t0 + 12 * S, PacketProto.Tcp, 40, PacketInfo.Rst | PacketInfo.Ack, output);
        Assert.Equal(2, output.Count);
        var tcp = output.Single(p => p.GetTag("proto") == "tcp");
        Assert.Equal(t0, tcp.TimestampNs);
        Assert.Equal("352012", tcp.GetTag("site"));
        Assert.Equal("tap1", tcp.GetTag("sensor"));
        Assert.Equal(2, Value(tcp, "packets"));
        Assert.Equal(120, Value(tcp, "bytes"));
        Assert.Equal(1, Value(tcp, "syn"));
        Assert.Equal(1, Value(tcp, "synack"));
        Assert.Equal(0, Value(tcp, "rst"));
        output.Clear();
        a.Flush(output);
        Assert.Equal(t0 + 10 * S, Assert.Single(output).TimestampNs);
        Assert.Equal(1, Value(output[0], "rst"));
    }

    [Fact]
    public void A_late_packet_is_counted_in_the_open_window_rather_than_rewriting_a_closed_one()
    {
        var a = new PacketAggregator("352012", "tap1", 10);
        var output = new List<Point>();
        long t0 = 1_700_000_000 * S;
        a.Add(t0 + 15 * S, PacketProto.Udp, 100, 0, output);
        a.Add(t0 + 2 * S, PacketProto.Udp, 100, 0, output);
        a.Flush(output);
        var p = Assert.Single(output);
        Assert.Equal(t0 + 10 * S, p.TimestampNs);
        Assert.Equal(2, Value(p, "packets"));
    }

    [Fact]
    public void An_idle_live_capture_closes_its_window_when_the_clock_passes_it()
    {
        var a = new PacketAggregator("352012", "tap1", 10);
        var output = new List<Point>();
        long t0 = 1_700_000_000 * S;
        a.Add(t0 + 1 * S, PacketProto.Icmp, 98, 0, output);
        a.FlushEnded(t0 + 9 * S, output);
        Assert.Empty(output);
        a.FlushEnded(t0 + 10 * S, output);
        Assert.Single(output);
    }

    private static long Value(Point p, string field) => p.Fields.Single(f => f.Key == field).Value.AsInteger;
}
