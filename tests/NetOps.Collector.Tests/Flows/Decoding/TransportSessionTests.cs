using NetOps.Testing;
using static NetOps.Testing.FlowPackets;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>
/// Templates belong to the transport session and the observation domain (RFC 7011 §8, RFC 3954 §5.1): over UDP the
/// session is the exporter's address and source port, so an exporter that restarts on a new port starts with none,
/// and two exporting processes behind one address do not share them.
/// </summary>
public sealed class TransportSessionTests
{
    private const string Exporter = "192.0.2.10";

    /// <summary>The same fields as <see cref="SimpleFields"/> with bytes and packets first: what a new process may call template 256.</summary>
    private static readonly (int, int)[] CountersFirst = [(1, 4), (2, 4), (8, 4), (12, 4), (7, 2), (11, 2), (4, 1)];

    private static byte[] CountersFirstRecord(string src, string dst, uint packets, uint bytes) =>
        Cat(U32(bytes), U32(packets), Ip(src), Ip(dst), U16(1000), U16(53), U8(17));

    [Fact]
    public void An_ipfix_exporter_restarted_on_a_new_source_port_does_not_reuse_the_old_sessions_templates()
    {
        var t = new TestDecoder();
        Assert.Equal(1, t.Decode(Ipfix(1, 7, Set(2, Template(256, SimpleFields)), Set(256, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 3, 120))), Exporter, 40_000).RecordsEmitted);

        // The restarted process numbers its templates afresh: its 256 is another layout, sent after its first data.
        var early = t.Decode(Ipfix(1, 7, Set(256, CountersFirstRecord("10.0.0.3", "10.0.0.4", 5, 500))), Exporter, 40_001);
        Assert.Equal(0, early.RecordsEmitted);
        Assert.Equal(1, early.SetsHeld);

        var withTemplate = t.Decode(Ipfix(2, 7, Set(2, Template(256, CountersFirst))), Exporter, 40_001);
        Assert.Equal(1, withTemplate.RecordsEmitted); // the held set, read with its own session's template
        var r = t.Sink.Records[^1];
        Assert.Equal(500UL, r.Bytes);
        Assert.Equal(5UL, r.Packets);
        Assert.Equal("10.0.0.3", r.Source.ToIPAddress().ToString());
    }

    [Fact]
    public void Two_v9_exporting_processes_behind_one_address_keep_their_own_templates()
    {
        var t = new TestDecoder();
        t.Decode(V9(1, 0, Set(0, Template(256, SimpleFields))), Exporter, 2_000);
        t.Decode(V9(1, 0, Set(0, Template(256, CountersFirst))), Exporter, 2_001);
        Assert.Equal(2, t.Decoder.TemplateCount);

        t.Decode(V9(2, 0, Set(256, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 3, 120))), Exporter, 2_000);
        t.Decode(V9(2, 0, Set(256, CountersFirstRecord("10.0.0.3", "10.0.0.4", 5, 500))), Exporter, 2_001);
        Assert.Equal([(3UL, 120UL, "10.0.0.1"), (5UL, 500UL, "10.0.0.3")],
            t.Sink.Records.Select(r => (r.Packets, r.Bytes, r.Source.ToIPAddress().ToString())));
        // Sequence numbers are per session too: both processes started at 1, and neither saw a loss.
        Assert.Equal(0, t.Metrics.LostPacketCount(NetOps.Collector.Flows.FlowExportKind.NetFlowV9));
    }
}
