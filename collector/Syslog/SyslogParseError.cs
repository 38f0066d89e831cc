namespace NetOps.Collector.Syslog;

/// <summary>Why a syslog message could not be parsed (counted as malformed).</summary>
public enum SyslogParseError : byte
{
    None,
    Empty,
    TooLong,
    BadPriority,
    BadVersion,
    BadTimestamp,
    BadHeaderField,
    BadStructuredData,
    BadUtf8,
    /// <summary>The input ended inside the header (e.g. <c>&lt;1&gt;2</c>).</summary>
    Truncated,
}
