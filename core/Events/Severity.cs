namespace NetOps.Core.Events;

/// <summary>Syslog severities (RFC 5424 section 6.2.1), used as the <c>event.severity</c> tag.</summary>
public enum Severity : byte
{
    Emergency = 0, Alert = 1, Critical = 2, Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7,
}

/// <summary>Tag values of <see cref="Severity"/>.</summary>
public static class Severities
{
    private static readonly string[] Tags = ["emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];

    /// <summary>The <c>severity</c> tag value, e.g. <c>warning</c>.</summary>
    public static string ToTag(this Severity severity) => Tags[(int)severity & 7];
}
