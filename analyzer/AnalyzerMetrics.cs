using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Analyzer;

/// <summary>The analyzer's metrics.</summary>
public sealed class AnalyzerMetrics
{
    public AnalyzerMetrics(NetOpsMetrics metrics)
    {
        Windows = metrics.Factory.CreateCounter("netops_analyzer_windows_total", "Windows analysed, by detector and outcome (done, failed, rerun).",
            new CounterConfiguration { LabelNames = ["detector", "outcome"] });
        WatermarkLag = metrics.Factory.CreateGauge("netops_analyzer_watermark_lag_seconds", "How far each detector's watermark is behind now.",
            new GaugeConfiguration { LabelNames = ["detector"] });
        WindowSeconds = metrics.Factory.CreateHistogram("netops_analyzer_window_duration_seconds", "Time to analyse one window, by detector.",
            new HistogramConfiguration { LabelNames = ["detector"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });
        LiveSignals = metrics.Factory.CreateCounter("netops_analyzer_live_signals_total", "Signals the real-time failover path processed.");
    }

    public Counter Windows { get; }
    public Gauge WatermarkLag { get; }
    public Histogram WindowSeconds { get; }
    public Counter LiveSignals { get; }
}
