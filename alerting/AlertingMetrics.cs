using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Alerting;

/// <summary><c>netops_alert_pages_total{outcome}</c>, <c>netops_alerts_total{source}</c>, <c>netops_alerting_pass_seconds</c>.</summary>
public sealed class AlertingMetrics
{
    public AlertingMetrics(NetOpsMetrics metrics)
    {
        Pages = metrics.Factory.CreateCounter("netops_alert_pages_total",
            "Pages by outcome: sent (the SMTP server accepted it), retried (4xx or a timeout; tried again later), failed (5xx, no address, or retries exhausted).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        foreach (var o in new[] { "sent", "retried", "failed" }) Pages.WithLabels(o);
        Alerts = metrics.Factory.CreateCounter("netops_alerts_total", "Alerts that fired (new or again), by source: detection or prometheus.",
            new CounterConfiguration { LabelNames = ["source"] });
        foreach (var o in new[] { "detection", "prometheus" }) Alerts.WithLabels(o);
        PassSeconds = metrics.Factory.CreateHistogram("netops_alerting_pass_seconds", "Time of one alerting engine pass.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        PassFailures = metrics.Factory.CreateCounter("netops_alerting_pass_failures_total", "Engine passes that failed (retried at the next pass).");
    }

    public Counter Pages { get; }
    public Counter Alerts { get; }
    public Histogram PassSeconds { get; }
    public Counter PassFailures { get; }
}
