namespace NetOps.Collector.Capture;

/// <summary>What a pipeline has seen so far (for the replay summary and for publishing metrics in batches).</summary>
public sealed class CaptureCounts
{
    public readonly long[] ByOutcome = new long[PacketOutcomes.Tags.Length];
    public long Packets;
    public long Bytes;
    public long Events;
    public readonly Dictionary<string, long> EventsByKind = new(StringComparer.Ordinal);
    public long FirstTimestampNs = long.MaxValue;
    public long LastTimestampNs = long.MinValue;

    public long this[PacketOutcome outcome] => ByOutcome[(int)outcome];
}
