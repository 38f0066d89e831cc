namespace NetOps.Collector.Flows;

/// <summary>The export protocol of a datagram (the <c>format</c> label of flow metrics).</summary>
public enum FlowExportKind : byte { NetFlowV5, NetFlowV9, Ipfix }
