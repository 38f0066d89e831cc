namespace NetOps.Collector.Syslog;

/// <summary>Why <see cref="SyslogFrameDecoder"/> skipped bytes instead of returning a frame.</summary>
public enum FrameError : byte
{
    None,
    /// <summary>A frame longer than the decoder's maximum; skipped by its octet count, or up to the next LF.</summary>
    TooLong,
    /// <summary>An RFC 6587 octet count that is not one (too many digits, no SP after it, or 0); skipped up to the next LF.</summary>
    BadOctetCount,
    /// <summary>The connection closed inside an octet-counted frame.</summary>
    Truncated,
}
