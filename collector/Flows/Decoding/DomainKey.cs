namespace NetOps.Collector.Flows.Decoding;

/// <summary>One exporter's observation domain (IPFIX), source id (v9) or engine type/id (v5).</summary>
internal readonly record struct DomainKey(FlowAddress Exporter, FlowExportKind Kind, uint Domain);
