using System.Net;

namespace NetOps.Collector.Flows;

/// <summary>Receives decoded flows. Called on the decoder's thread; must not keep the span.</summary>
public interface IFlowSink
{
    /// <param name="exporter">The exporter's address (the datagram's source).</param>
    /// <param name="kind">Export protocol.</param>
    /// <param name="observationDomain">NetFlow v9 source id / IPFIX observation domain; 0 for v5 (engine type/id packed).</param>
    /// <param name="exportTimeNs">Export time from the header, ns since the Unix epoch.</param>
    void OnFlows(IPAddress exporter, FlowExportKind kind, uint observationDomain, long exportTimeNs, ReadOnlySpan<FlowRecord> flows);
}
