using System.ComponentModel.DataAnnotations;
using System.Net;

namespace NetOps.Collector.Syslog;

/// <summary><c>Collector:Syslog</c> section.</summary>
public sealed class SyslogOptions
{
    public const string Section = "Collector:Syslog";

    /// <summary><c>Collector:Syslog:Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Collector:Syslog:Port</c>: UDP and TCP (514 in production).</summary>
    [Range(1, 65535)] public int Port { get; set; } = 5514;

    /// <summary><c>Collector:Syslog:BindAddress</c>: 127.0.0.1 by default; 0.0.0.0 or :: to take messages from the network.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary><c>Collector:Syslog:Udp</c> / <c>…:Tcp</c>: which listeners run on <see cref="Port"/>.</summary>
    public bool Udp { get; set; } = true;
    public bool Tcp { get; set; } = true;

    /// <summary>
    /// <c>Collector:Syslog:MaxMessageBytes</c>: longer messages are counted as malformed (TooLong). The parser is given
    /// the same limit, so anything up to <see cref="SyslogParser.MaxMessageLengthLimit"/> may be configured.
    /// </summary>
    [Range(480, SyslogParser.MaxMessageLengthLimit)] public int MaxMessageBytes { get; set; } = 65_507;

    /// <summary><c>Collector:Syslog:QueueCapacity</c>: messages held between the listeners and the processor.</summary>
    [Range(16, 10_000_000)] public int QueueCapacity { get; set; } = 200_000;

    /// <summary>
    /// <c>Collector:Syslog:QueueBytes</c>: bytes the queued messages may hold (256 MiB); beyond it UDP messages are
    /// dropped and counted and TCP/TLS senders wait, as when the queue is full by count.
    /// </summary>
    [Range(1 << 20, 1L << 40)] public long QueueBytes { get; set; } = 256L << 20;

    /// <summary><c>Collector:Syslog:ReceiveBufferBytes</c>: the UDP socket's kernel buffer (forced past rmem_max when running as root).</summary>
    [Range(65_536, 1 << 30)] public int ReceiveBufferBytes { get; set; } = 32 << 20;

    /// <summary><c>Collector:Syslog:MaxConnections</c>: concurrent plain TCP connections (TLS has its own, <c>…:Tls:MaxConnections</c>).</summary>
    [Range(1, 100_000)] public int MaxConnections { get; set; } = 2000;

    /// <summary>
    /// <c>Collector:Syslog:MaxConnectionsPerSource</c>: concurrent TCP and TLS connections from one address; more are
    /// refused and counted (<c>netops_syslog_connections_rejected_total{reason="per_source"}</c>), so that one sender
    /// cannot take every slot.
    /// </summary>
    [Range(1, 100_000)] public int MaxConnectionsPerSource { get; set; } = 256;

    /// <summary>
    /// <c>Collector:Syslog:IdleTimeoutSeconds</c>: a TCP connection that completes no message for this long is closed.
    /// Bytes alone do not count (a sender trickling one byte at a time would hold its slot for ever).
    /// </summary>
    [Range(1, 86_400)] public int IdleTimeoutSeconds { get; set; } = 900;

    /// <summary><c>Collector:Syslog:Workers</c>: parallel processors (parse, normalise, enrich).</summary>
    [Range(1, 64)] public int Workers { get; set; } = 1;

    /// <summary><c>Collector:Syslog:AggregationSeconds</c>: firewall traffic logs are counted per site, device and action over this window.</summary>
    [Range(1, 60)] public int AggregationSeconds { get; set; } = 5;

    /// <summary>
    /// <c>Collector:Syslog:DefaultTimeZone</c>: zone of device clocks that log without one: an offset (<c>+09:00</c> or
    /// <c>+0900</c> for JST) or an IANA name (<c>Asia/Tokyo</c>); empty means UTC.
    /// </summary>
    public string? DefaultTimeZone { get; set; }

    /// <summary>
    /// <c>Collector:Syslog:MaxClockSkewSeconds</c>: a message's own timestamp is used when it is this close to the receive
    /// time; otherwise (unsynchronised clock, wrong zone) the receive time is.
    /// </summary>
    [Range(0, 86_400)] public int MaxClockSkewSeconds { get; set; } = 900;

    /// <summary><c>Collector:Syslog:Tls</c>: RFC 5425 listener, off unless a port and certificate are set.</summary>
    public SyslogTlsOptions Tls { get; set; } = new();

    /// <summary><see cref="DefaultTimeZone"/> read; null for UTC (empty) and for a value that <see cref="Validate"/> refuses.</summary>
    public SyslogTimeZone? ParsedDefaultTimeZone => SyslogTimeZone.TryParse(DefaultTimeZone, out var zone) ? zone : null;

    /// <summary>Checks what data annotations cannot; each error names its key.</summary>
    public IEnumerable<string> Validate()
    {
        if (!IPAddress.TryParse(BindAddress, out _))
            yield return $"Collector:Syslog:BindAddress '{BindAddress}' is not an IP address";
        if (!string.IsNullOrWhiteSpace(DefaultTimeZone) && ParsedDefaultTimeZone is null)
            yield return $"Collector:Syslog:DefaultTimeZone '{DefaultTimeZone}' is neither an offset (+09:00, +0900, at most ±14:00) nor an IANA time zone (Asia/Tokyo)";
        if (Tls.MaxConnections is < 1 or > 100_000)
            yield return $"Collector:Syslog:Tls:MaxConnections {Tls.MaxConnections} is not between 1 and 100000";
        if (Tls.Port != 0)
        {
            if (Tls.Port is < 1 or > 65535) yield return $"Collector:Syslog:Tls:Port {Tls.Port} is not a port";
            if (Tls.Port == Port && Tcp) yield return "Collector:Syslog:Tls:Port must differ from Collector:Syslog:Port";
            if (string.IsNullOrWhiteSpace(Tls.CertificatePath))
                yield return "Collector:Syslog:Tls:CertificatePath is required when Collector:Syslog:Tls:Port is set";
            else if (!File.Exists(Tls.CertificatePath))
                yield return $"Collector:Syslog:Tls:CertificatePath: file '{Tls.CertificatePath}' does not exist";
            if (!string.IsNullOrWhiteSpace(Tls.ClientCaPath) && !File.Exists(Tls.ClientCaPath))
                yield return $"Collector:Syslog:Tls:ClientCaPath: file '{Tls.ClientCaPath}' does not exist";
            if (!string.IsNullOrWhiteSpace(Tls.KeyPath) && !File.Exists(Tls.KeyPath))
                yield return $"Collector:Syslog:Tls:KeyPath: file '{Tls.KeyPath}' does not exist";
        }
    }
}
