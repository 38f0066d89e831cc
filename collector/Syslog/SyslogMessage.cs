namespace NetOps.Collector.Syslog;

/// <summary>
/// A parsed syslog header. Text fields are ranges into the bytes that were parsed (no copies), so a parse
/// allocates nothing; an empty range means the field was absent or the NILVALUE <c>-</c>.
/// </summary>
public struct SyslogMessage
{
    public SyslogFormat Format;

    /// <summary>PRI value 0–191, or -1 when the message had none (facility user, severity notice is then assumed).</summary>
    public int Priority;

    /// <summary>RFC 5424 VERSION; 0 for other formats.</summary>
    public int Version;

    /// <summary>The message's own timestamp, UTC; null when it had none (the receive time is used).</summary>
    public DateTimeOffset? Timestamp;

    public Range Hostname;
    public Range AppName;
    public Range ProcId;
    public Range MsgId;

    /// <summary>RFC 5424 STRUCTURED-DATA, the raw <c>[id p="v"]…</c> text; empty when NILVALUE or absent.</summary>
    public Range StructuredData;

    /// <summary>MSG, without a leading UTF-8 BOM.</summary>
    public Range Message;

    public readonly int Facility => Priority < 0 ? 1 : Priority >> 3;
    public readonly int Severity => Priority < 0 ? 5 : Priority & 7;
}
