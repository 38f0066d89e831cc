using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>The text of a parsed syslog message, as the vendor normalisers read it.</summary>
public sealed class SyslogRecord
{
    /// <summary>HOSTNAME from the header, or null.</summary>
    public string? Hostname { get; init; }
    /// <summary>APP-NAME / TAG (without <c>[pid]</c> and <c>:</c>), or null.</summary>
    public string? AppName { get; init; }
    /// <summary>RFC 5424 MSGID (Junos puts its event tag here), or null.</summary>
    public string? MsgId { get; init; }
    /// <summary>RFC 5424 STRUCTURED-DATA text, or null.</summary>
    public string? StructuredData { get; init; }
    /// <summary>MSG: the text after the header.</summary>
    public required string Message { get; init; }
    /// <summary>Severity from PRI.</summary>
    public Severity Severity { get; init; } = Severity.Notice;
    /// <summary>Vendor hint from the inventory device, or null.</summary>
    public string? VendorHint { get; init; }
}
