using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Ceptoar.Delivery;

/// <summary>The sender's metrics: <c>netops_ceptoar_mails_total{outcome}</c> and <c>netops_ceptoar_smtp_send_seconds</c>.</summary>
public sealed class DeliveryMetrics
{
    public DeliveryMetrics(NetOpsMetrics metrics)
    {
        Mails = metrics.Factory.CreateCounter("netops_ceptoar_mails_total",
            "Advisory mails by outcome: sent (the SMTP server accepted it), retried (4xx or a timeout; tried again later), failed (5xx or retries exhausted).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        foreach (var o in new[] { "sent", "retried", "failed" }) Mails.WithLabels(o);
        SendSeconds = metrics.Factory.CreateHistogram("netops_ceptoar_smtp_send_seconds", "Time of one SMTP transaction (MAIL FROM to the reply to DATA).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
    }

    public Counter Mails { get; }
    public Histogram SendSeconds { get; }
}
