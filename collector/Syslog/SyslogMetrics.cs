using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Collector.Syslog;

/// <summary>The collector's syslog counters, with the label children bound once (they are on the hot path).</summary>
public sealed class SyslogMetrics
{
    private readonly Counter.Child[] _messages;
    private readonly Counter.Child _permits, _denies;

    public SyslogMetrics(NetOpsMetrics metrics)
    {
        var transports = Enum.GetValues<SyslogTransport>();
        var outcomes = Enum.GetValues<SyslogOutcome>();
        _messages = new Counter.Child[transports.Length * outcomes.Length];
        foreach (var t in transports)
            foreach (var o in outcomes)
                _messages[Index(t, o)] = metrics.SyslogMessages.WithLabels(t.ToString().ToLowerInvariant(), o.ToString().ToLowerInvariant());
        UnknownSources = metrics.Factory.CreateCounter("netops_syslog_unknown_source_total",
            "Messages from senders the inventory does not know (stored with site=unknown).");
        Connections = metrics.Factory.CreateGauge("netops_syslog_connections", "Open syslog TCP/TLS connections.",
            new GaugeConfiguration { LabelNames = ["transport"] });
        RejectedConnections = metrics.Factory.CreateCounter("netops_syslog_connections_rejected_total",
            "TCP/TLS connections refused (limit reached or TLS handshake failed).", new CounterConfiguration { LabelNames = ["reason"] });
        FirewallRecords = metrics.Factory.CreateCounter("netops_firewall_records_total",
            "Firewall traffic log lines counted into the firewall measurement.", new CounterConfiguration { LabelNames = ["action"] });
        _permits = FirewallRecords.WithLabels("permit");
        _denies = FirewallRecords.WithLabels("deny");
        QueueLength = metrics.Factory.CreateGauge("netops_syslog_queue_length", "Messages waiting between listeners and processors.");
        FirewallPointsDropped = metrics.Factory.CreateCounter("netops_firewall_points_dropped_total",
            "Firewall window points the point writer would not take (logged by the window flush, which carries on).");
    }

    public Counter UnknownSources { get; }
    public Gauge Connections { get; }
    public Counter RejectedConnections { get; }
    public Counter FirewallRecords { get; }
    public Gauge QueueLength { get; }
    public Counter FirewallPointsDropped { get; }

    public void CountFirewall(Normalization.FirewallAction action) => (action == Normalization.FirewallAction.Deny ? _denies : _permits).Inc();

    public void Count(SyslogTransport transport, SyslogOutcome outcome, long n = 1) => _messages[Index(transport, outcome)].Inc(n);

    public double Value(SyslogTransport transport, SyslogOutcome outcome) => _messages[Index(transport, outcome)].Value;

    private static int Index(SyslogTransport t, SyslogOutcome o) => (int)t * 5 + (int)o;
}
