using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Collector.Scans;

/// <summary>The one counter both feature paths share, labelled by path (capture, flow).</summary>
public static class ScanMetrics
{
    /// <summary><c>netops_scan_sources_evicted_total{path}</c>: the registry returns the same counter to both paths.</summary>
    public static Counter.Child Evicted(NetOpsMetrics metrics, string path) =>
        metrics.Factory.CreateCounter("netops_scan_sources_evicted_total",
            "Sources evicted from a full scan_top sketch (ScanSources) by path (capture, flow): their counts went to the newcomer.",
            new CounterConfiguration { LabelNames = ["path"] }).WithLabels(path);
}
