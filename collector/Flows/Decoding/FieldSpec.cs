namespace NetOps.Collector.Flows.Decoding;

/// <summary>A template field as read from the wire, before compilation.</summary>
/// <param name="Type">Field type (v9) or information element id without the enterprise bit (IPFIX).</param>
/// <param name="Length">Bytes, or <see cref="FieldPlan.VariableLength"/> (IPFIX).</param>
/// <param name="Enterprise">IPFIX enterprise-specific element: never mapped, only skipped by its length.</param>
/// <param name="Scope">An options template's scope field (v9 scope types are another number space): skipped.</param>
internal readonly record struct FieldSpec(ushort Type, ushort Length, bool Enterprise, bool Scope);
