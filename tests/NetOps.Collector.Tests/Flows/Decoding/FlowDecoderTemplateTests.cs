using NetOps.Testing;
using NetOps.Collector.Flows;
using NetOps.Collector.Flows.Decoding;
using static NetOps.Testing.FlowPackets;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>Templates, options, holding and caps, on constructed datagrams.</summary>
public sealed class FlowDecoderTemplateTests
{
    private static byte[] SimpleTemplateSet(int setId, int templateId) => Set(setId, Template(templateId, SimpleFields));

    [Fact]
    public void Ipfix_variable_length_and_enterprise_fields_are_skipped_by_their_length()
    {
        var t = new TestDecoder();
        var template = Set(2, Cat(U16(300), U16(9),
            U16(8), U16(4),                                   // sourceIPv4Address
            U16(0x8000 | 100), U16(4), U32(9),                // enterprise element (Cisco), 4 bytes
            U16(82), U16(0xFFFF),                             // interfaceName, variable length
            U16(12), U16(4),                                  // destinationIPv4Address
            U16(1), U16(4),                                   // octetDeltaCount, reduced to 4 bytes
            U16(2), U16(2),                                   // packetDeltaCount, reduced to 2 bytes
            U16(0x8000 | 5), U16(0xFFFF), U32(29305),         // enterprise, variable length
            U16(152), U16(8),                                 // flowStartMilliseconds
            U16(4), U16(1)));                                 // protocolIdentifier
        var shortRecord = Cat(Ip("10.1.1.1"), U32(0xDEADBEEF), U8(3), "ge0"u8.ToArray(), Ip("10.2.2.2"), U32(1500), U16(3),
            U8(0), U64(1_700_000_000_123), U8(17));
        var longRecord = Cat(Ip("10.1.1.3"), U32(0), U8(0), Ip("10.2.2.4"), U32(64), U16(1),
            U8(255), U16(300), new byte[300], U64(1_700_000_001_000), U8(6));
        var r = t.Decode(Ipfix(1, 7, template, Set(300, shortRecord, longRecord)));

        Assert.Equal(FlowDecodeError.None, r.Error);
        Assert.Equal(2, r.RecordsEmitted);
        var a = t.Sink.Records[0];
        Assert.Equal("10.1.1.1", a.Source.ToString());
        Assert.Equal("10.2.2.2", a.Destination.ToString());
        Assert.Equal(1500UL, a.Bytes);
        Assert.Equal(3UL, a.Packets);
        Assert.Equal(17, a.Protocol);
        Assert.Equal(1_700_000_000_123L * 1_000_000, a.StartNs);
        var b = t.Sink.Records[1];
        Assert.Equal("10.1.1.3", b.Source.ToString());
        Assert.Equal(64UL, b.Bytes);
        Assert.Equal(6, b.Protocol);
        Assert.Equal(7u, t.Sink.Flows[0].Domain);
    }

    [Fact]
    public void Ipfix_variable_length_field_running_past_its_set_is_a_bad_record()
    {
        var t = new TestDecoder();
        var template = Set(2, Cat(U16(301), U16(2), U16(8), U16(4), U16(82), U16(0xFFFF)));
        var r = t.Decode(Ipfix(1, 0, template, Set(301, Ip("10.0.0.1"), U8(200), new byte[10])));
        Assert.Equal(FlowDecodeError.BadRecord, r.Error);
        Assert.Equal(1, t.Metrics.PacketCount(FlowExportKind.Ipfix, FlowPacketOutcome.Malformed));
    }

    [Fact]
    public void Ipfix_template_withdrawal_forgets_one_template_or_all()
    {
        var t = new TestDecoder();
        t.Decode(Ipfix(1, 0, SimpleTemplateSet(2, 400), SimpleTemplateSet(2, 401)));
        Assert.Equal(2, t.Decoder.TemplateCount);

        t.Decode(Ipfix(1, 0, Set(2, U16(400), U16(0))));
        Assert.Equal(1, t.Decoder.TemplateCount);
        var r = t.Decode(Ipfix(1, 0, Set(400, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40))));
        Assert.Equal(1, r.SetsHeld);
        Assert.Equal(0, r.RecordsEmitted);

        t.Decode(Ipfix(1, 0, Set(2, U16(2), U16(0)))); // all data templates of the domain
        Assert.Equal(0, t.Decoder.TemplateCount);
        Assert.Equal(2, t.Metrics.TemplateEventCount("withdrawn"));
    }

    [Fact]
    public void Held_ipfix_data_is_decoded_when_its_template_comes_within_the_hold_and_dropped_after_it()
    {
        var t = new TestDecoder();
        var data = Set(500, SimpleRecord("10.0.0.1", "10.0.0.2", 1000, 53, 17, 2, 120));
        Assert.Equal(1, t.Decode(Ipfix(1, 0, data)).SetsHeld);
        t.Time.Advance(TimeSpan.FromSeconds(5));
        var r = t.Decode(Ipfix(2, 0, SimpleTemplateSet(2, 500)));
        Assert.Equal(1, r.RecordsEmitted);
        Assert.Equal(53, t.Sink.Records[0].DestinationPort);

        Assert.Equal(1, t.Decode(Ipfix(3, 0, Set(501, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40)))).SetsHeld);
        t.Time.Advance(TimeSpan.FromSeconds(11));
        var late = t.Decode(Ipfix(4, 0, SimpleTemplateSet(2, 501)));
        Assert.Equal(0, late.RecordsEmitted);
        Assert.Equal(1, t.Metrics.DroppedSetCount(FlowSetDropReason.NoTemplate));
        Assert.Equal(0, t.Decoder.HeldSetCount);
    }

    [Fact]
    public void Hold_is_bounded_per_exporter_and_overflow_is_counted()
    {
        var t = new TestDecoder(new FlowDecoderOptions { MaxHeldSetsPerExporter = 2 });
        var data = Set(600, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40));
        for (int i = 0; i < 5; i++) t.Decode(Ipfix((uint)i, 0, data));
        Assert.Equal(2, t.Decoder.HeldSetCount);
        Assert.Equal(3, t.Metrics.DroppedSetCount(FlowSetDropReason.HoldFull));
    }

    [Fact]
    public void Templates_beyond_the_per_exporter_cap_are_refused_and_other_exporters_are_not_affected()
    {
        var t = new TestDecoder(new FlowDecoderOptions { MaxTemplatesPerExporter = 2, MaxTemplates = 3 });
        var r = t.Decode(V9(1, 0, Set(0, Template(256, SimpleFields), Template(257, SimpleFields), Template(258, SimpleFields))));
        Assert.Equal(FlowDecodeError.TooManyTemplates, r.Error);
        Assert.Equal(1, r.SetsSkipped);
        Assert.Equal(2, t.Decoder.TemplateCount);
        Assert.Equal(1, t.Metrics.PacketCount(FlowExportKind.NetFlowV9, FlowPacketOutcome.Rejected));

        Assert.Equal(FlowDecodeError.None, t.Decode(V9(1, 0, Set(0, Template(256, SimpleFields))), "192.0.2.99").Error);
        Assert.Equal(FlowDecodeError.TooManyTemplates, t.Decode(V9(2, 0, Set(0, Template(257, SimpleFields))), "192.0.2.99").Error);
        Assert.Equal(3, t.Decoder.TemplateCount); // the total cap
    }

    [Fact]
    public void The_template_cap_warning_is_logged_the_first_time_and_then_once_a_minute()
    {
        var logger = new EventLogger<FlowDecoder>();
        var t = new TestDecoder(new FlowDecoderOptions { MaxTemplatesPerExporter = 1 }, logger);
        var three = V9(1, 0, Set(0, Template(256, SimpleFields), Template(257, SimpleFields)));
        Assert.Equal(FlowDecodeError.TooManyTemplates, t.Decode(three).Error);
        Assert.Equal(FlowDecodeError.TooManyTemplates, t.Decode(three).Error);
        Assert.Equal(1, logger.Count(1152));
        t.Time.Advance(TimeSpan.FromSeconds(61));
        t.Decode(three);
        Assert.Equal(2, logger.Count(1152));
    }

    [Fact]
    public void The_decoder_sweeps_held_sets_by_itself_as_datagrams_arrive()
    {
        var t = new TestDecoder(new FlowDecoderOptions { HoldTimeout = TimeSpan.FromSeconds(10) });
        Assert.Equal(1, t.Decode(Ipfix(1, 0, Set(700, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40)))).SetsHeld);
        t.Time.Advance(TimeSpan.FromSeconds(11));
        t.Decode(V5(1, 1), "192.0.2.77"); // another exporter: only the decoder's own sweep can drop the held set
        Assert.Equal(0, t.Decoder.HeldSetCount);
        Assert.Equal(1, t.Metrics.DroppedSetCount(FlowSetDropReason.NoTemplate));
    }

    [Fact]
    public void A_spoofed_flood_of_unknown_exporters_fills_only_their_budget_and_a_known_exporter_still_gets_in()
    {
        var t = new TestDecoder(new FlowDecoderOptions { MaxExporters = 4, MaxUnknownExporters = 8 });
        t.Decoder.IsKnownExporter = a => a.ToString().StartsWith("10.35.", StringComparison.Ordinal);
        for (int i = 0; i < 100; i++) t.Decode(V9(1, 0, Set(0, Template(256, SimpleFields))), $"198.51.100.{i}");
        Assert.Equal(8, t.Decoder.UnknownExporterCount);

        var known = t.Decode(V9(1, 0, Set(0, Template(256, SimpleFields)), Set(256, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40))), "10.35.1.1");
        Assert.Equal(FlowDecodeError.None, known.Error);
        Assert.Equal(1, known.RecordsEmitted);
        Assert.Equal(9, t.Decoder.ExporterCount);
    }

    [Fact]
    public void A_v9_exporter_whose_uptime_goes_back_has_restarted_and_its_old_templates_are_dropped()
    {
        var t = new TestDecoder();
        var record = Set(256, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40));
        Assert.Equal(1, t.Decode(V9(1, 0, 100_000_000, 1_700_000_000, Set(0, Template(256, SimpleFields)), record)).RecordsEmitted);

        var afterReboot = t.Decode(V9(1, 0, 5_000, 1_700_000_100, record)); // uptime 5 s: the router rebooted
        Assert.Equal(0, afterReboot.RecordsEmitted);
        Assert.Equal(1, afterReboot.SetsHeld); // waits for the new template instead of being read with the old one
        Assert.Equal(1, t.Metrics.TemplateEventCount("restart"));
        Assert.Equal(0, t.Decoder.TemplateCount);
    }

    [Fact]
    public void Unchanged_template_resend_refreshes_its_expiry()
    {
        var t = new TestDecoder(new FlowDecoderOptions { TemplateTimeout = TimeSpan.FromMinutes(30) });
        var templates = V9(1, 0, Set(0, Template(256, SimpleFields)));
        t.Decode(templates);
        t.Time.Advance(TimeSpan.FromMinutes(20));
        t.Decode(templates);
        t.Time.Advance(TimeSpan.FromMinutes(20));
        var r = t.Decode(V9(3, 0, Set(256, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40))));
        Assert.Equal(1, r.RecordsEmitted);
        Assert.Equal(1, t.Metrics.TemplateEventCount("refreshed"));

        t.Time.Advance(TimeSpan.FromMinutes(31));
        t.Decoder.ExpireHeld();
        Assert.Equal(0, t.Decoder.TemplateCount);
        Assert.Equal(1, t.Metrics.TemplateEventCount("expired"));
    }

    [Theory]
    [InlineData("v9 template without fields")]
    [InlineData("v9 template of zero-length fields")]
    [InlineData("v9 template id below 256")]
    [InlineData("ipfix options template without scope")]
    public void Templates_that_cannot_describe_a_record_are_bad_templates(string which)
    {
        var t = new TestDecoder();
        byte[] datagram = which switch
        {
            "v9 template without fields" => V9(1, 0, Set(0, U16(256), U16(0))),
            "v9 template of zero-length fields" => V9(1, 0, Set(0, Template(256, (8, 0), (12, 0)))),
            "v9 template id below 256" => V9(1, 0, Set(0, Template(255, SimpleFields))),
            _ => Ipfix(1, 0, Set(3, U16(256), U16(1), U16(0), U16(34), U16(4))),
        };
        Assert.Equal(FlowDecodeError.BadTemplate, t.Decode(datagram).Error);
        Assert.Equal(0, t.Decoder.TemplateCount);
    }

    [Fact]
    public void Ipfix_uptime_times_use_system_init_time_from_options_data()
    {
        var t = new TestDecoder();
        var options = Set(3, Cat(U16(700), U16(2), U16(1), U16(149), U16(4), U16(160), U16(8)));
        var optionsData = Set(700, U32(1), U64(1_600_000_000_000));
        var template = Set(2, Template(701, (8, 4), (12, 4), (22, 4), (21, 4), (2, 8), (1, 8), (61, 1)));
        var data = Set(701, Ip("10.0.0.1"), Ip("10.0.0.2"), U32(5000), U32(7000), U64(3), U64(300), U8(1));
        t.Decode(Ipfix(1, 0, options, optionsData, template, data));
        var r = t.Sink.Records.Single();
        Assert.Equal((1_600_000_000_000L + 5000) * 1_000_000, r.StartNs);
        Assert.Equal((1_600_000_000_000L + 7000) * 1_000_000, r.EndNs);
        Assert.Equal(1, r.Direction);
    }

    [Fact]
    public void Ipfix_uptime_times_without_system_init_time_fall_back_to_the_export_time()
    {
        var t = new TestDecoder();
        var template = Set(2, Template(702, (8, 4), (22, 4), (21, 4)));
        t.Decode(Ipfix(1, 0, 1_700_000_000, template, Set(702, Ip("10.0.0.1"), U32(5000), U32(7000))));
        Assert.Equal(1_700_000_000L * 1_000_000_000, t.Sink.Records.Single().StartNs);
    }

    [Fact]
    public void Netflow_v5_counts_are_multiplied_by_the_sampling_interval()
    {
        var t = new TestDecoder();
        t.Decode(V5(1, 1, sampling: 0x4000 | 64));
        Assert.Equal(64UL, t.Sink.Records[0].Packets);
        Assert.Equal(6400UL, t.Sink.Records[0].Bytes);

        var raw = new TestDecoder(new FlowDecoderOptions { ApplySampling = false });
        raw.Decode(V5(1, 1, sampling: 0x4000 | 64));
        Assert.Equal(100UL, raw.Sink.Records[0].Bytes);
    }

    [Theory]
    [InlineData(new byte[] { }, FlowDecodeError.Truncated)]
    [InlineData(new byte[] { 0, 7, 0, 0 }, FlowDecodeError.UnknownVersion)]
    [InlineData(new byte[] { 0, 5, 0, 1 }, FlowDecodeError.Truncated)]
    [InlineData(new byte[] { 0, 9, 0, 1, 0 }, FlowDecodeError.Truncated)]
    [InlineData(new byte[] { 0, 10, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, FlowDecodeError.LengthMismatch)]
    [InlineData(new byte[] { 0, 10, 0, 99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, FlowDecodeError.Truncated)]
    public void Short_or_unknown_datagrams_are_errors_and_counted(byte[] datagram, FlowDecodeError error)
    {
        var t = new TestDecoder();
        Assert.Equal(error, t.Decode(datagram).Error);
    }

    [Fact]
    public void Netflow_v5_count_must_fit_the_datagram_and_the_limit_of_30()
    {
        var t = new TestDecoder();
        var ok = V5(1, 2);
        Assert.Equal(FlowDecodeError.LengthMismatch, t.Decode(ok[..^1]).Error);
        var zero = V5(1, 1);
        zero[3] = 0;
        Assert.Equal(FlowDecodeError.BadCount, t.Decode(zero).Error);
        zero[3] = 31;
        Assert.Equal(FlowDecodeError.BadCount, t.Decode(zero).Error);
        Assert.Equal(3, t.Metrics.PacketCount(FlowExportKind.NetFlowV5, FlowPacketOutcome.Malformed));
    }

    [Fact]
    public void A_v9_set_longer_than_the_datagram_is_a_bad_set_length()
    {
        var t = new TestDecoder();
        var d = V9(1, 0, Set(0, Template(256, SimpleFields)));
        d[V9HeaderLengthForTests + 3] = 200;
        Assert.Equal(FlowDecodeError.BadSetLength, t.Decode(d).Error);
    }

    private const int V9HeaderLengthForTests = 20;
}
