namespace NetOps.Collector.Flows.Decoding;

/// <summary>One step of a compiled template: read <see cref="Length"/> bytes at <see cref="Offset"/> into <see cref="Target"/>.</summary>
/// <remarks>For templates with variable-length fields <see cref="Offset"/> is unused and <see cref="Length"/> is
/// <see cref="VariableLength"/> for those fields: the record is walked field by field.</remarks>
internal readonly record struct FieldPlan(ushort Offset, ushort Length, FieldTarget Target)
{
    public const ushort VariableLength = 0xFFFF;
}
