using NetOps.Testing;
using static NetOps.Testing.FlowPackets;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>
/// Sampling is a property of a sampler (v9 FLOW_SAMPLER_ID 48, IPFIX selectorId 302), which options data describes and
/// each flow record names; one observation domain may run several (one per interface or direction).
/// </summary>
public sealed class SamplerTests
{
    // v9 options template 257: scope System (4 bytes); FLOW_SAMPLER_ID (1), FLOW_SAMPLER_MODE (1), FLOW_SAMPLER_RANDOM_INTERVAL (4).
    private static byte[] V9SamplerOptions() => Set(1, U16(257), U16(4), U16(12), U16(1), U16(4), U16(48), U16(1), U16(49), U16(1), U16(50), U16(4), U16(0));

    private static byte[] V9SamplerData(params (int Id, uint Interval)[] samplers) =>
        Set(257, Cat([.. samplers.Select(s => Cat(U32(0), U8(s.Id), U8(2), U32(s.Interval)))]));

    // Data template 256: the simple fields and the sampler that selected the flow.
    private static byte[] V9DataTemplate() => Set(0, Template(256, [.. SimpleFields, (48, 1)]));

    private static byte[] V9Record(int sampler, uint packets, uint bytes) =>
        Cat(SimpleRecord("10.0.0.1", "10.0.0.2", 1000, 443, 6, packets, bytes), U8(sampler));

    [Fact]
    public void Two_v9_samplers_of_one_source_id_each_scale_their_own_flows()
    {
        var t = new TestDecoder();
        t.Decode(V9(1, 0, V9SamplerOptions(), V9SamplerData((1, 10), (2, 100)), V9DataTemplate()));
        t.Decode(V9(2, 0, Set(256, V9Record(1, 1, 40), V9Record(2, 1, 40), V9Record(1, 2, 80))));
        Assert.Equal([(10UL, 400UL), (100UL, 4000UL), (20UL, 800UL)], t.Sink.Records.Select(r => (r.Packets, r.Bytes)));
    }

    [Fact]
    public void A_flow_of_a_sampler_no_options_record_described_is_not_scaled_by_another_samplers_interval()
    {
        var t = new TestDecoder();
        t.Decode(V9(1, 0, V9SamplerOptions(), V9SamplerData((1, 10)), V9DataTemplate()));
        t.Decode(V9(2, 0, Set(256, V9Record(3, 1, 40))));
        Assert.Equal((1UL, 40UL), (t.Sink.Records[0].Packets, t.Sink.Records[0].Bytes));
    }

    [Fact]
    public void The_only_sampler_of_a_domain_still_applies_to_flows_that_do_not_name_it()
    {
        var t = new TestDecoder();
        t.Decode(V9(1, 0, V9SamplerOptions(), V9SamplerData((1, 10)), Set(0, Template(260, SimpleFields))));
        t.Decode(V9(2, 0, Set(260, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40))));
        Assert.Equal(10UL, t.Sink.Records[0].Packets);
    }

    [Fact]
    public void Options_without_a_sampler_id_still_set_the_domains_interval_for_flows_that_name_none()
    {
        var t = new TestDecoder();
        // Options template 258: scope System; SAMPLING_INTERVAL (34) only, as older IOS sends it.
        var options = Set(1, U16(258), U16(4), U16(4), U16(1), U16(4), U16(34), U16(4));
        t.Decode(V9(1, 0, options, Set(258, U32(0), U32(64)), Set(0, Template(259, SimpleFields))));
        t.Decode(V9(2, 0, Set(259, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40))));
        Assert.Equal(64UL, t.Sink.Records[0].Packets);
    }

    [Fact]
    public void Two_ipfix_selectors_of_one_domain_each_scale_their_own_flows()
    {
        var t = new TestDecoder();
        // Options template 400: scope selectorId (302, 8 bytes); samplingPacketInterval (305, 4).
        var options = Set(3, Cat(U16(400), U16(2), U16(1), U16(302), U16(8), U16(305), U16(4)));
        var selectors = Set(400, U64(7), U32(4), U64(8), U32(1000));
        var template = Set(2, Template(401, [.. SimpleFields, (302, 8)]));
        var data = Set(401,
            Cat(SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 50), U64(8)),
            Cat(SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 50), U64(7)));
        t.Decode(Ipfix(1, 5, options, selectors, template));
        t.Decode(Ipfix(2, 5, data));
        Assert.Equal([(1000UL, 50_000UL), (4UL, 200UL)], t.Sink.Records.Select(r => (r.Packets, r.Bytes)));
    }
}
