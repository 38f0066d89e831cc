using NetOps.Core.Events;
using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Collector.Capture;

/// <summary>The packet capture counters, label children bound once. Pipelines count locally and publish in batches.</summary>
public sealed class CaptureMetrics
{
    private readonly Counter.Child[] _packets;
    private readonly Counter.Child _dropped;
    private readonly Counter _events;

    public CaptureMetrics(NetOpsMetrics metrics)
    {
        var packets = metrics.Factory.CreateCounter("netops_capture_packets_total",
            "Captured or replayed packets by outcome: dissected, unknown (not IP), truncated, malformed, dropped (by the kernel: capture buffer full).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        _packets = PacketOutcomes.Tags.Select(t => packets.WithLabels(t)).ToArray();
        _dropped = packets.WithLabels("dropped");
        Bytes = metrics.Factory.CreateCounter("netops_capture_bytes_total", "Bytes on the wire of captured or replayed packets.");
        _events = metrics.Factory.CreateCounter("netops_capture_events_total",
            "Control-plane events seen in packets (VRRP, BGP, OSPF), by kind.", new CounterConfiguration { LabelNames = ["kind"] });
        UnattributedEvents = metrics.Factory.CreateCounter("netops_capture_unattributed_events_total",
            "Control-plane events whose addresses no inventory device owns (stored against the sensor).");
        ScanSourcesEvicted = Scans.ScanMetrics.Evicted(metrics, "capture");
    }

    /// <summary>Sources evicted from full <c>scan_top</c> sketches of the capture path.</summary>
    public Counter.Child ScanSourcesEvicted { get; }

    public Counter Bytes { get; }
    public Counter UnattributedEvents { get; }

    public void Count(PacketOutcome outcome, long n) { if (n > 0) _packets[(int)outcome].Inc(n); }

    public void Dropped(long n) { if (n > 0) _dropped.Inc(n); }

    public void Event(EventKind kind) => _events.WithLabels(kind.ToTag()).Inc();

    public double Value(PacketOutcome outcome) => _packets[(int)outcome].Value;
}
