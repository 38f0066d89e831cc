namespace NetOps.Collector.Syslog;

/// <summary>Which header form a syslog message had.</summary>
public enum SyslogFormat : byte
{
    /// <summary>BSD syslog (RFC 3164) or a vendor variant of it.</summary>
    Rfc3164,
    /// <summary>RFC 5424 (VERSION 1 after the PRI).</summary>
    Rfc5424,
    /// <summary>A PRI and then only text (Yamaha RTX), or no PRI at all: the whole line is the message.</summary>
    NoHeader,
}
