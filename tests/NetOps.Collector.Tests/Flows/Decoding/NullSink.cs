using System.Net;
using NetOps.Collector.Flows;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>Discards flows (for fuzzing and counting).</summary>
public sealed class NullSink : IFlowSink
{
    public long Records { get; private set; }

    public void OnFlows(IPAddress exporter, FlowExportKind kind, uint observationDomain, long exportTimeNs, ReadOnlySpan<FlowRecord> flows)
        => Records += flows.Length;
}
