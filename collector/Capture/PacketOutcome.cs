namespace NetOps.Collector.Capture;

/// <summary>What became of a captured packet (<c>netops_capture_packets_total{outcome}</c>).</summary>
public enum PacketOutcome : byte
{
    /// <summary>IPv4 or IPv6 with a complete transport header (or one that has none).</summary>
    Dissected,
    /// <summary>Not IP (ARP, LLC, CDP, …) or an unknown link type; counted under proto <c>other</c>.</summary>
    Unknown,
    /// <summary>A header is cut short by the snap length or the end of the file.</summary>
    Truncated,
    /// <summary>A header contradicts itself (bad version, lengths that do not fit).</summary>
    Malformed,
}

public static class PacketOutcomes
{
    public static readonly string[] Tags = ["dissected", "unknown", "truncated", "malformed"];

    public static string ToTag(this PacketOutcome outcome) => Tags[(int)outcome];
}
