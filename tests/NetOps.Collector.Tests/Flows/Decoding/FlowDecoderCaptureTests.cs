using System.Net;
using NetOps.Collector.Flows;
using NetOps.Collector.Flows.Decoding;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>The shared flow captures decode to what tshark reads in them (flow/*.tshark-O-cflow.txt).</summary>
public sealed class FlowDecoderCaptureTests
{
    private static List<UdpDatagram> Capture(string name) => PcapUdpReader.Read(SharedData.Path("pcap/flow/" + name));

    private static List<TsharkFlow> Tshark(string name) => TsharkFlow.Read(SharedData.Path("pcap/flow/" + name + ".tshark-O-cflow.txt"));

    private static void AssertMatches(TsharkFlow expected, FlowRecord actual)
    {
        Assert.Equal(expected.Source, actual.Source.ToString());
        Assert.Equal(expected.Destination, actual.Destination.ToString());
        Assert.Equal(expected.SourcePort, actual.SourcePort);
        Assert.Equal(expected.DestinationPort, actual.DestinationPort);
        Assert.Equal(expected.Protocol, actual.Protocol);
        Assert.Equal(expected.Bytes, actual.Bytes);
        Assert.Equal(expected.Packets, actual.Packets);
        Assert.Equal(expected.Input, actual.InputInterface);
        Assert.Equal(expected.Output, actual.OutputInterface);
    }

    private static long Ns(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    [Fact]
    public void Netflow_v5_capture_yields_the_29_records_tshark_decodes()
    {
        var t = new TestDecoder();
        var datagrams = Capture("netflow-v5.pcap");
        Assert.Single(datagrams);
        var result = t.Decode(datagrams[0]);

        Assert.Equal(FlowDecodeError.None, result.Error);
        Assert.Equal(29, result.RecordsEmitted);
        var expected = Tshark("netflow-v5.pcap");
        Assert.Equal(29, expected.Count);
        var records = t.Sink.Records;
        for (int i = 0; i < 29; i++) AssertMatches(expected[i], records[i]);

        var (exporter, kind, domain, exportNs, first) = t.Sink.Flows[0];
        Assert.Equal(IPAddress.Parse("10.19.144.41"), exporter);
        Assert.Equal(FlowExportKind.NetFlowV5, kind);
        Assert.Equal(3u, domain); // engine type 0, engine id 3
        Assert.Equal(1_680_626_679L * 1_000_000_000, exportNs);
        // sysUptime 2874339 s, flow 1 first = last = 2874324 s: 15 s before the export
        Assert.Equal((1_680_626_679L - 15) * 1_000_000_000, first.StartNs);
        Assert.Equal(first.StartNs, first.EndNs);
        Assert.Equal(0x18, first.TcpFlags);
        Assert.Equal(FlowRecord.DirectionUnknown, first.Direction);
        // record 2 lasted 9 s (2874315 → 2874324)
        Assert.Equal(9_000_000_000L, records[1].EndNs - records[1].StartNs);
        Assert.Equal(1, t.Metrics.PacketCount(FlowExportKind.NetFlowV5, FlowPacketOutcome.Decoded));
        Assert.Equal(29, t.Metrics.RecordCount(FlowExportKind.NetFlowV5));
    }

    [Fact]
    public void Netflow_v9_data_set_before_its_template_is_decoded_when_the_template_arrives_later_in_the_packet()
    {
        var t = new TestDecoder(new FlowDecoderOptions { ApplySampling = false });
        var result = t.Decode(Capture("netflow-v9-templates-and-data.pcap")[0]);

        Assert.Equal(FlowDecodeError.None, result.Error);
        Assert.Equal(1, result.SetsHeld);
        Assert.Equal(1, t.Metrics.ReleasedSetCount);
        Assert.Equal(0, t.Decoder.HeldSetCount);
        Assert.Equal(2, t.Decoder.TemplateCount); // options template 256 and template 257
        // the held set (660 bytes, 60-byte records) comes first: 11 records tshark could not read, then tshark's 10
        Assert.Equal(21, result.RecordsEmitted);
        var expected = Tshark("netflow-v9-templates-and-data.pcap");
        Assert.Equal(10, expected.Count);
        var records = t.Sink.Records;
        for (int i = 0; i < 10; i++) AssertMatches(expected[i], records[11 + i]);

        var (_, kind, domain, exportNs, _) = t.Sink.Flows[11];
        Assert.Equal(FlowExportKind.NetFlowV9, kind);
        Assert.Equal(17_170_432u, domain);
        Assert.Equal(1_684_085_372L * 1_000_000_000, exportNs);
        // sysUptime 116860.520 s; flow 1 starts at 116800.990 s; flow 2 lasts 20 ms
        Assert.Equal(1_684_085_372L * 1_000_000_000 - 59_530_000_000, records[11].StartNs);
        Assert.Equal(20_000_000, records[12].EndNs - records[12].StartNs);
    }

    [Fact]
    public void Netflow_v9_options_data_sampling_interval_scales_packets_and_bytes()
    {
        var t = new TestDecoder();
        t.Decode(Capture("netflow-v9-templates-and-data.pcap")[0]);
        var expected = Tshark("netflow-v9-templates-and-data.pcap");
        var first = t.Sink.Records[11];
        Assert.Equal(expected[0].Bytes * 100, first.Bytes); // options data 256: random sampling, interval 100
        Assert.Equal(expected[0].Packets * 100, first.Packets);
    }

    [Fact]
    public void Netflow_v9_asr9k_capture_yields_the_51_records_tshark_decodes()
    {
        var t = new TestDecoder();
        var datagrams = Capture("netflow-v9-cisco-asr9k.pcap");
        Assert.Equal(40, datagrams.Count);
        foreach (var d in datagrams) Assert.Equal(FlowDecodeError.None, t.Decode(d).Error);

        var expected = Tshark("netflow-v9-cisco-asr9k.pcap");
        Assert.Equal(51, expected.Count);
        var records = t.Sink.Records;
        Assert.Equal(51, records.Count);
        for (int i = 0; i < 51; i++) AssertMatches(expected[i], records[i]);
        Assert.Equal(1, t.Decoder.TemplateCount);
        // frame 2: sysUptime 328882.689 s, the flow at 328866.242 s
        Assert.Equal(1_677_577_615L * 1_000_000_000 - 16_447_000_000, records[0].StartNs);
        // the reproducer reordered the export packets: late ones are counted as reordered
        Assert.True(t.Metrics.SequenceCount(FlowExportKind.NetFlowV9, SequenceVerdict.Reordered) > 0);
    }

    [Fact]
    public void Netflow_v9_data_without_templates_is_held_then_counted_dropped_when_the_hold_expires()
    {
        var t = new TestDecoder();
        int held = 0, skipped = 0;
        foreach (var d in Capture("netflow-v9-data-without-templates.pcap"))
        {
            var r = t.Decode(d);
            Assert.Equal(FlowDecodeError.None, r.Error);
            held += r.SetsHeld;
            skipped += r.SetsSkipped;
        }
        int dataSets = File.ReadLines(SharedData.Path("pcap/flow/netflow-v9-data-without-templates.pcap.tshark-O-cflow.txt"))
            .Count(l => l.Contains("FlowSet Id: (Data)", StringComparison.Ordinal));
        Assert.Equal(dataSets, held + skipped);
        Assert.True(held > 0);
        Assert.Empty(t.Sink.Flows);
        Assert.Equal(held, t.Decoder.HeldSetCount);

        t.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, t.Decoder.ExpireHeld());
        t.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(held, t.Decoder.ExpireHeld());
        Assert.Equal(0, t.Decoder.HeldSetCount);
        Assert.Equal(held, t.Metrics.DroppedSetCount(FlowSetDropReason.NoTemplate));
        Assert.Equal(skipped, t.Metrics.DroppedSetCount(FlowSetDropReason.HoldFull));
    }

    [Fact]
    public void Ipfix_asr9k_capture_yields_the_12_records_tshark_decodes_without_loss()
    {
        var t = new TestDecoder();
        foreach (var d in Capture("ipfix-cisco-asr9k.pcap")) Assert.Equal(FlowDecodeError.None, t.Decode(d).Error);

        var expected = Tshark("ipfix-cisco-asr9k.pcap");
        Assert.Equal(12, expected.Count);
        var records = t.Sink.Records;
        Assert.Equal(12, records.Count);
        for (int i = 0; i < 12; i++) AssertMatches(expected[i], records[i]);
        Assert.Equal(Ns(new DateTime(2023, 2, 28, 9, 46, 1, 88, DateTimeKind.Utc)), records[0].StartNs);
        Assert.Equal(Ns(new DateTime(2023, 2, 28, 9, 46, 12, 352, DateTimeKind.Utc)), records[0].EndNs);
        Assert.Equal(FlowRecord.DirectionUnknown, records[0].Direction);
        Assert.Contains(records, r => r.Source.IsV6 && r.Source.ToString() == "2001:1700:f101:2000::1");
        Assert.Equal(new uint[] { 851_968, 917_504 }, t.Sink.Flows.Select(f => f.Domain).Distinct().Order().ToArray());
        Assert.Equal(0, t.Metrics.LostRecordCount(FlowExportKind.Ipfix));
        Assert.Equal(0, t.Metrics.SequenceCount(FlowExportKind.Ipfix, SequenceVerdict.Reset));
    }

    [Fact]
    public void Ipfix_fritzbox_templates_with_variable_length_fields_and_options_templates_are_cached()
    {
        var t = new TestDecoder();
        var r = t.Decode(Capture("ipfix-templates-only-fritzbox.pcap")[0]);
        Assert.Equal(FlowDecodeError.None, r.Error);
        Assert.Equal(0, r.RecordsEmitted);
        Assert.Equal(3, t.Decoder.TemplateCount); // 461, options 466 and 467
        Assert.Equal(1, t.Decoder.ExporterCount);
    }
}
