namespace NetOps.Collector.Flows.Decoding;

/// <summary>What a sequence number says about the datagrams before it.</summary>
public enum SequenceVerdict : byte
{
    /// <summary>The first datagram of an exporter/domain (or after a reset): nothing to compare with.</summary>
    First,
    InOrder,
    /// <summary>Ahead of the expected number: the difference was lost.</summary>
    Gap,
    /// <summary>A little behind the expected number: a late datagram, not a loss.</summary>
    Reordered,
    /// <summary>Far from the expected number (or the exporter's uptime went back): the exporter restarted; tracking starts over.</summary>
    Reset,
}
