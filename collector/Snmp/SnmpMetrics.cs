using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Collector.Snmp;

/// <summary>The collector's SNMP counters.</summary>
public sealed class SnmpMetrics
{
    private readonly Counter.Child[] _polls;
    private readonly Dictionary<SnmpTrapOutcome, Counter.Child> _traps = [];

    public SnmpMetrics(NetOpsMetrics metrics)
    {
        var polls = metrics.Factory.CreateCounter("netops_snmp_polls_total",
            "Device polls by outcome (ok, timeout, error, no_credential, auth_failed, failed).", new CounterConfiguration { LabelNames = ["outcome"] });
        _polls = Enum.GetValues<SnmpPollOutcome>().Select(o => polls.WithLabels(Label(o.ToString()))).ToArray();
        var traps = metrics.Factory.CreateCounter("netops_snmp_traps_total",
            "Trap and inform datagrams by outcome (received, stored, malformed, unsupported, auth_failed, replayed, discovery, dropped).", new CounterConfiguration { LabelNames = ["outcome"] });
        foreach (var o in Enum.GetValues<SnmpTrapOutcome>()) _traps[o] = traps.WithLabels(Label(o.ToString()));
        UnknownTrapSources = metrics.Factory.CreateCounter("netops_snmp_trap_unknown_source_total",
            "Traps from senders the inventory does not know (stored with site=unknown).");
        Points = metrics.Factory.CreateCounter("netops_snmp_interface_points_total", "interface points written by the poller.");
        Devices = metrics.Factory.CreateGauge("netops_snmp_devices", "Inventory devices the poller polls (its shard's share).");
        InventoryDevices = metrics.Factory.CreateGauge("netops_snmp_inventory_devices",
            "Inventory devices with snmp and a configured credential, over every shard (Collector:Snmp:ShardCount).");
        InFlight = metrics.Factory.CreateGauge("netops_snmp_polls_in_flight", "Device polls running now.");
        Discarded = metrics.Factory.CreateCounter("netops_snmp_responses_discarded_total",
            "Datagrams a poll received that were not its answer (late, unparsable, from another sender).");
    }

    public Counter UnknownTrapSources { get; }
    public Counter Points { get; }
    public Gauge Devices { get; }
    public Gauge InventoryDevices { get; }
    public Gauge InFlight { get; }
    public Counter Discarded { get; }

    public void Count(SnmpPollOutcome outcome) => _polls[(int)outcome].Inc();
    public double Value(SnmpPollOutcome outcome) => _polls[(int)outcome].Value;
    public void Count(SnmpTrapOutcome outcome) => _traps[outcome].Inc();
    public double Value(SnmpTrapOutcome outcome) => _traps[outcome].Value;

    /// <summary><c>NoCredential</c> → <c>no_credential</c>.</summary>
    private static string Label(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
