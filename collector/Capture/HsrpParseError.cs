namespace NetOps.Collector.Capture;

/// <summary>Why <see cref="HsrpParser"/> refused a datagram.</summary>
public enum HsrpParseError : byte
{
    None,
    /// <summary>Shorter than the message (or a TLV) says or needs.</summary>
    Truncated,
    /// <summary>A version other than v1 (0 on the wire) or v2, or a v2 TLV whose own version is not 2.</summary>
    UnknownVersion,
    /// <summary>An op code or state outside the protocol.</summary>
    BadValue,
    /// <summary>Well-formed, but not a group message: the v1 Advertise (op code 3) or a v2 packet with only Interface State or authentication TLVs.</summary>
    NoGroupState,
}
