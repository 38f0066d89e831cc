using Prometheus;

namespace NetOps.Core.Metrics;

/// <summary>
/// The process's metric registry (served at <c>/metrics</c>) and the metrics that core owns. Parts create their
/// own metrics through <see cref="Factory"/>. One instance per host, injected; nothing static.
/// </summary>
public sealed class NetOpsMetrics
{
    public NetOpsMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        InfluxPoints = Factory.CreateCounter("netops_influx_points_total",
            "Points by outcome: written (to InfluxDB), spooled (to disk), replayed (from disk), dropped.",
            new CounterConfiguration { LabelNames = ["outcome"] });
        SpoolBytes = Factory.CreateGauge("netops_spool_bytes", "Bytes in the disk spool waiting for InfluxDB.");
        SyslogMessages = Factory.CreateCounter("netops_syslog_messages_total",
            "Syslog messages by transport (udp, tcp, tls) and outcome (received, parsed, unknown, malformed, dropped).",
            new CounterConfiguration { LabelNames = ["transport", "outcome"] });
        foreach (var outcome in new[] { "written", "spooled", "replayed", "dropped" }) InfluxPoints.WithLabels(outcome);
        TapPointsDropped = Factory.CreateCounter("netops_tap_points_dropped_total", "Points the in-process tap dropped because the analyzer's channel was full (InfluxDB still got them).");
        Detections = Factory.CreateCounter("netops_detections_total", "Detections stored, by kind.", new CounterConfiguration { LabelNames = ["kind"] });
        AuditChainIntact = Factory.CreateGauge("netops_audit_chain_intact", "1 when the last check of the audit chain found it intact, 0 when broken.");
        AuditRecords = Factory.CreateGauge("netops_audit_records", "Audit records in the chain at its last check.");
        SignIns = Factory.CreateCounter("netops_auth_sign_ins_total", "Sign-in attempts by outcome (success, failure, locked_out, throttled).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        AuditChainIntact.Set(1);
    }

    /// <summary><c>netops_audit_chain_intact</c>.</summary>
    /// <summary>Copies of points the in-process tap could not hand to the analyzer (its channel was full).</summary>
    public Counter TapPointsDropped { get; }

    /// <summary>Detections stored, by kind.</summary>
    public Counter Detections { get; }

    public Gauge AuditChainIntact { get; }

    /// <summary><c>netops_audit_records</c>.</summary>
    public Gauge AuditRecords { get; }

    /// <summary><c>netops_auth_sign_ins_total{outcome}</c>.</summary>
    public Counter SignIns { get; }

    public CollectorRegistry Registry { get; }
    public IMetricFactory Factory { get; }

    /// <summary><c>netops_influx_points_total{outcome}</c>: written, spooled, replayed, dropped.</summary>
    public Counter InfluxPoints { get; }

    /// <summary><c>netops_spool_bytes</c>.</summary>
    public Gauge SpoolBytes { get; }

    /// <summary><c>netops_syslog_messages_total{transport,outcome}</c>.</summary>
    public Counter SyslogMessages { get; }
}
