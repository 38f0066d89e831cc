using System.Net;
using NetOps.Collector.Flows;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>Keeps every flow it is given, with the call's context.</summary>
public sealed class RecordingSink : IFlowSink
{
    public List<(IPAddress Exporter, FlowExportKind Kind, uint Domain, long ExportTimeNs, FlowRecord Flow)> Flows { get; } = [];

    public int Calls { get; private set; }

    public void OnFlows(IPAddress exporter, FlowExportKind kind, uint observationDomain, long exportTimeNs, ReadOnlySpan<FlowRecord> flows)
    {
        Calls++;
        foreach (var f in flows) Flows.Add((exporter, kind, observationDomain, exportTimeNs, f));
    }

    public List<FlowRecord> Records => Flows.Select(f => f.Flow).ToList();
}
