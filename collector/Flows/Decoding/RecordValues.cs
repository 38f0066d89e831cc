namespace NetOps.Collector.Flows.Decoding;

/// <summary>The fields of one data record while it is being read; turned into a <see cref="FlowRecord"/> at the end.</summary>
internal struct RecordValues
{
    public FlowRecord Record;
    public uint SourceV4, DestinationV4;
    public UInt128 SourceV6, DestinationV6;
    public ulong Start, End, Sampling, SystemInitMs, SamplerId;
    public FieldTarget StartKind, EndKind;
    public bool HasSystemInit, HasSamplerId;
}
