using NetOps.Testing;
using NetOps.Collector.Flows;
using NetOps.Collector.Flows.Decoding;
using static NetOps.Testing.FlowPackets;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>Sequence numbers per exporter and domain: gaps are losses; wrap, reordering and restarts are not.</summary>
public sealed class SequenceTrackingTests
{
    [Fact]
    public void Netflow_v5_gap_in_flow_sequence_counts_the_missing_flows()
    {
        var t = new TestDecoder();
        t.Decode(V5(1000, 30));
        t.Decode(V5(1030, 30));
        t.Decode(V5(1090, 10)); // 30 flows (one datagram) missing
        Assert.Equal(30, t.Metrics.LostRecordCount(FlowExportKind.NetFlowV5));
    }

    [Fact]
    public void Netflow_v5_sequence_wrapping_past_two_to_the_32_is_not_a_loss()
    {
        var t = new TestDecoder();
        t.Decode(V5(uint.MaxValue - 9, 30));
        t.Decode(V5(20, 30));
        Assert.Equal(0, t.Metrics.LostRecordCount(FlowExportKind.NetFlowV5));
        Assert.Equal(0, t.Metrics.SequenceCount(FlowExportKind.NetFlowV5, SequenceVerdict.Reset));
    }

    [Fact]
    public void A_late_datagram_is_counted_as_reordered_not_lost_twice()
    {
        var t = new TestDecoder();
        t.Decode(V9(1, 0));
        t.Decode(V9(3, 0)); // 2 is late
        t.Decode(V9(2, 0));
        t.Decode(V9(4, 0));
        Assert.Equal(1, t.Metrics.LostPacketCount(FlowExportKind.NetFlowV9));
        Assert.Equal(1, t.Metrics.SequenceCount(FlowExportKind.NetFlowV9, SequenceVerdict.Reordered));
    }

    [Fact]
    public void An_exporter_restart_resets_tracking_without_counting_a_loss()
    {
        var t = new TestDecoder();
        t.Decode(V9(500_000, 0));
        t.Decode(V9(0, 0)); // restarted
        t.Decode(V9(1, 0));
        Assert.Equal(0, t.Metrics.LostPacketCount(FlowExportKind.NetFlowV9));
        Assert.Equal(1, t.Metrics.SequenceCount(FlowExportKind.NetFlowV9, SequenceVerdict.Reset));
    }

    [Fact]
    public void A_reboot_seen_in_the_uptime_resets_even_a_small_backward_step()
    {
        var t = new TestDecoder();
        t.Decode(V5(100, 30, uptimeMs: 5_000_000));
        t.Decode(V5(0, 30, uptimeMs: 1_000)); // 100 flows back: within the reorder window, but uptime says reboot
        t.Decode(V5(30, 30, uptimeMs: 2_000));
        Assert.Equal(1, t.Metrics.SequenceCount(FlowExportKind.NetFlowV5, SequenceVerdict.Reset));
        Assert.Equal(0, t.Metrics.LostRecordCount(FlowExportKind.NetFlowV5));
    }

    [Fact]
    public void Ipfix_sequence_counts_data_records_and_gaps_are_lost_records()
    {
        var t = new TestDecoder();
        var template = Set(2, Template(256, SimpleFields));
        var twoRecords = Set(256, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40), SimpleRecord("10.0.0.3", "10.0.0.4", 1, 2, 6, 1, 40));
        t.Decode(Ipfix(10, 1, template));
        t.Decode(Ipfix(10, 1, twoRecords));
        t.Decode(Ipfix(12, 1, twoRecords));
        t.Decode(Ipfix(19, 1, twoRecords)); // 5 records missing
        Assert.Equal(5, t.Metrics.LostRecordCount(FlowExportKind.Ipfix));
    }

    [Fact]
    public void Sequences_are_tracked_per_exporter_and_domain()
    {
        var t = new TestDecoder();
        t.Decode(V9(1, 1));
        t.Decode(V9(100, 2));
        t.Decode(V9(2, 1));
        t.Decode(V9(7, 1), "192.0.2.11");
        t.Decode(V9(101, 2));
        Assert.Equal(0, t.Metrics.LostPacketCount(FlowExportKind.NetFlowV9));
        Assert.Equal(3, t.Decoder.ExporterCount);
    }

    [Theory]
    [InlineData(10u, 10u, 1u, SequenceVerdict.InOrder, 0)]
    [InlineData(10u, 15u, 1u, SequenceVerdict.Gap, 5)]
    [InlineData(10u, 5u, 1u, SequenceVerdict.Reordered, 0)]
    [InlineData(10u, 4_000_000u, 1u, SequenceVerdict.Reset, 0)]
    [InlineData(uint.MaxValue, 3u, 1u, SequenceVerdict.Gap, 4)]
    public void Tracker_classifies_each_step(uint expected, uint next, uint advance, SequenceVerdict verdict, long lost)
    {
        var tracker = new SequenceTracker();
        tracker.Observe(expected - advance, advance, 1000, 1_000_000, out _);
        Assert.Equal(verdict, tracker.Observe(next, advance, 1000, 1_000_000, out long actualLost));
        Assert.Equal(lost, actualLost);
    }
}
