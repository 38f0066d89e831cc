namespace NetOps.Collector.Flows.Decoding;

/// <summary>
/// One transport session's observation domain (IPFIX), source id (v9) or engine type/id (v5). The session is the
/// exporter's address and UDP source port: templates are scoped to it (RFC 7011 §8, RFC 3954 §5.1).
/// </summary>
internal readonly record struct DomainKey(FlowAddress Exporter, ushort Port, FlowExportKind Kind, uint Domain);
