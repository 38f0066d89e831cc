using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Collector.Flows.Decoding;

/// <summary>
/// The flow decoders' counters. One instance per process (register it as a singleton); several decoders share it.
/// Label children are bound once (they are on the hot path). The <c>format</c> label is netflow_v5, netflow_v9,
/// ipfix, or unknown for datagrams of no known version.
/// </summary>
public sealed class FlowMetrics
{
    private const int Formats = 4; // the three FlowExportKind values, then "unknown"
    private static readonly string[] FormatNames = ["netflow_v5", "netflow_v9", "ipfix", "unknown"];
    private static readonly string[] OutcomeNames = ["received", "decoded", "malformed", "unknown_version", "rejected"];
    private static readonly string[] DropNames = ["no_template", "hold_full", "malformed"];
    private static readonly string[] SequenceNames = ["reordered", "reset"];
    private static readonly string[] TemplateEventNames = ["added", "refreshed", "replaced", "withdrawn", "expired", "rejected", "restart"];
    private readonly Counter.Child[] _templateEvents = new Counter.Child[TemplateEventNames.Length];

    private readonly Counter.Child[] _packets = new Counter.Child[Formats * 5];
    private readonly Counter.Child[] _records = new Counter.Child[Formats];
    private readonly Counter.Child[] _lostPackets = new Counter.Child[Formats];
    private readonly Counter.Child[] _lostRecords = new Counter.Child[Formats];
    private readonly Counter.Child[] _sequence = new Counter.Child[Formats * 2];
    private readonly Counter.Child[] _dropped = new Counter.Child[3];
    private readonly Counter.Child _released;

    public FlowMetrics(NetOpsMetrics metrics)
    {
        var f = metrics.Factory;
        var packets = f.CreateCounter("netops_flow_packets_total",
            "Flow export datagrams by format and outcome (received, then one of decoded, malformed, unknown_version, rejected).",
            new CounterConfiguration { LabelNames = ["format", "outcome"] });
        var records = f.CreateCounter("netops_flow_records_total", "Flow records decoded and handed on.",
            new CounterConfiguration { LabelNames = ["format"] });
        var lostPackets = f.CreateCounter("netops_flow_lost_packets_total",
            "Export datagrams lost between exporter and collector (NetFlow v9 sequence gaps).", new CounterConfiguration { LabelNames = ["format"] });
        var lostRecords = f.CreateCounter("netops_flow_lost_records_total",
            "Flow records lost between exporter and collector (NetFlow v5 flow_sequence and IPFIX sequence gaps).",
            new CounterConfiguration { LabelNames = ["format"] });
        var sequence = f.CreateCounter("netops_flow_sequence_events_total",
            "Sequence anomalies that are not losses: reordered (a late datagram) and reset (exporter restart).",
            new CounterConfiguration { LabelNames = ["format", "event"] });
        var dropped = f.CreateCounter("netops_flow_dropped_sets_total",
            "Data sets dropped: no_template (hold expired or template withdrawn), hold_full, malformed (unreadable once its template came).", new CounterConfiguration { LabelNames = ["reason"] });
        _released = f.CreateCounter("netops_flow_released_sets_total", "Held data sets decoded once their template arrived.").WithLabels();
        Templates = f.CreateGauge("netops_flow_templates", "NetFlow v9 / IPFIX templates cached.");
        HeldSets = f.CreateGauge("netops_flow_held_sets", "Data sets waiting for their template.");
        HeldBytes = f.CreateGauge("netops_flow_held_bytes", "Bytes of data sets waiting for their template.");
        TemplateEvents = f.CreateCounter("netops_flow_template_events_total",
            "Template cache events: added, refreshed (resent unchanged), replaced (resent changed), withdrawn, expired, rejected.", new CounterConfiguration { LabelNames = ["event"] });

        for (int k = 0; k < Formats; k++)
        {
            for (int o = 0; o < OutcomeNames.Length; o++) _packets[k * 5 + o] = packets.WithLabels(FormatNames[k], OutcomeNames[o]);
            _records[k] = records.WithLabels(FormatNames[k]);
            _lostPackets[k] = lostPackets.WithLabels(FormatNames[k]);
            _lostRecords[k] = lostRecords.WithLabels(FormatNames[k]);
            for (int s = 0; s < 2; s++) _sequence[k * 2 + s] = sequence.WithLabels(FormatNames[k], SequenceNames[s]);
        }
        for (int e = 0; e < TemplateEventNames.Length; e++) _templateEvents[e] = TemplateEvents.WithLabels(TemplateEventNames[e]);
        for (int d = 0; d < DropNames.Length; d++) _dropped[d] = dropped.WithLabels(DropNames[d]);
    }

    /// <summary><c>netops_flow_templates</c>: changed with Inc/Dec so that several decoders can share it.</summary>
    public Gauge Templates { get; }

    /// <summary><c>netops_flow_held_sets</c>.</summary>
    public Gauge HeldSets { get; }

    /// <summary><c>netops_flow_held_bytes</c>.</summary>
    public Gauge HeldBytes { get; }

    /// <summary><c>netops_flow_template_events_total{event}</c>.</summary>
    public Counter TemplateEvents { get; }

    public void Packet(FlowExportKind? kind, FlowPacketOutcome outcome) => _packets[Index(kind) * 5 + (int)outcome].Inc();

    public double PacketCount(FlowExportKind? kind, FlowPacketOutcome outcome) => _packets[Index(kind) * 5 + (int)outcome].Value;

    public void Records(FlowExportKind kind, int n) { if (n > 0) _records[(int)kind].Inc(n); }

    public double RecordCount(FlowExportKind kind) => _records[(int)kind].Value;

    public void LostPackets(FlowExportKind kind, long n) => _lostPackets[(int)kind].Inc(n);

    public double LostPacketCount(FlowExportKind kind) => _lostPackets[(int)kind].Value;

    public void LostRecords(FlowExportKind kind, long n) => _lostRecords[(int)kind].Inc(n);

    public double LostRecordCount(FlowExportKind kind) => _lostRecords[(int)kind].Value;

    public void Sequence(FlowExportKind kind, SequenceVerdict verdict)
    {
        if (verdict == SequenceVerdict.Reordered) _sequence[(int)kind * 2].Inc();
        else if (verdict == SequenceVerdict.Reset) _sequence[(int)kind * 2 + 1].Inc();
    }

    public double SequenceCount(FlowExportKind kind, SequenceVerdict verdict) =>
        verdict == SequenceVerdict.Reordered ? _sequence[(int)kind * 2].Value
        : verdict == SequenceVerdict.Reset ? _sequence[(int)kind * 2 + 1].Value : 0;

    public void DroppedSets(FlowSetDropReason reason, int n = 1) => _dropped[(int)reason].Inc(n);

    public double DroppedSetCount(FlowSetDropReason reason) => _dropped[(int)reason].Value;

    public void ReleasedSets(int n = 1) => _released.Inc(n);

    public double ReleasedSetCount => _released.Value;

    /// <summary>Counts a template event: added, refreshed, replaced, withdrawn, expired or rejected.</summary>
    public void TemplateEvent(string name) => _templateEvents[Array.IndexOf(TemplateEventNames, name)].Inc();

    public double TemplateEventCount(string name) => _templateEvents[Array.IndexOf(TemplateEventNames, name)].Value;

    private static int Index(FlowExportKind? kind) => kind is { } k ? (int)k : 3;
}
