using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Collector.Flows;

/// <summary>
/// Counters of the flow pipeline around the decoders (listeners, queue, aggregation), label children bound once.
/// The decoders count their own outcomes (malformed, lost sequence numbers) in their metrics class.
/// </summary>
public sealed class FlowPipelineMetrics
{
    private readonly Counter.Child[] _received = new Counter.Child[2];
    private readonly Counter.Child[] _dropped = new Counter.Child[2];

    public FlowPipelineMetrics(NetOpsMetrics metrics)
    {
        var datagrams = metrics.Factory.CreateCounter("netops_flow_listener_datagrams_total",
            "Export datagrams by listener (netflow, ipfix) and outcome (received; dropped: the queue to the decoder was full).",
            new CounterConfiguration { LabelNames = ["listener", "outcome"] });
        foreach (var kind in Enum.GetValues<FlowListenerKind>())
        {
            var name = kind.ToString().ToLowerInvariant();
            _received[(int)kind] = datagrams.WithLabels(name, "received");
            _dropped[(int)kind] = datagrams.WithLabels(name, "dropped");
        }
        UnknownExporter = metrics.Factory.CreateCounter("netops_flow_unknown_exporter_total",
            "Flow records from exporters the inventory does not know (stored with site=unknown, exporter=unknown).");
        Aggregated = metrics.Factory.CreateCounter("netops_flow_aggregated_records_total",
            "Flow records summed into flow points.");
        Points = metrics.Factory.CreateCounter("netops_flow_points_total",
            "Points written by the flow aggregator, by measurement (flow, flow_top).", new CounterConfiguration { LabelNames = ["measurement"] });
        ProcessingErrors = metrics.Factory.CreateCounter("netops_flow_processing_errors_total",
            "Export datagrams whose processing threw (a bug: the datagram is lost, the pipeline goes on).");
        QueueLength = metrics.Factory.CreateGauge("netops_flow_queue_length", "Export datagrams waiting between the listeners and the decoder.");
        ScanSourcesEvicted = Scans.ScanMetrics.Evicted(metrics, "flow");
        PointsDropped = metrics.Factory.CreateCounter("netops_flow_points_dropped_total",
            "Flow window points the point writer would not take (logged by the window flush, which carries on).");
    }

    public Counter UnknownExporter { get; }

    /// <summary>Sources evicted from full <c>scan_top</c> sketches of the flow path.</summary>
    public Counter.Child ScanSourcesEvicted { get; }
    public Counter Aggregated { get; }
    public Counter Points { get; }
    public Counter ProcessingErrors { get; }
    public Gauge QueueLength { get; }
    public Counter PointsDropped { get; }

    public void Received(FlowListenerKind listener) => _received[(int)listener].Inc();

    public void Dropped(FlowListenerKind listener) => _dropped[(int)listener].Inc();

    public double ReceivedValue(FlowListenerKind listener) => _received[(int)listener].Value;

    public double DroppedValue(FlowListenerKind listener) => _dropped[(int)listener].Value;
}
