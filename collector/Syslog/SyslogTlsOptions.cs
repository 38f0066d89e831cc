namespace NetOps.Collector.Syslog;

/// <summary><c>Collector:Syslog:Tls</c>: syslog over TLS (RFC 5425; octet-counting framing, LF framing also accepted).</summary>
public sealed class SyslogTlsOptions
{
    /// <summary><c>…:Tls:Port</c>: 0 (off) unless set; 6514 is the registered port.</summary>
    public int Port { get; set; }

    /// <summary><c>…:Tls:CertificatePath</c>: PEM certificate (with <see cref="KeyPath"/>) or a PKCS#12 file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary><c>…:Tls:KeyPath</c>: PEM private key, when the certificate is PEM.</summary>
    public string? KeyPath { get; set; }

    /// <summary><c>…:Tls:Password</c>: PKCS#12 password (from the environment, never the repository).</summary>
    public string? Password { get; set; }

    /// <summary>
    /// <c>…:Tls:ClientCaPath</c>: PEM file of the CA certificates that sign the devices' client certificates. When set,
    /// every TLS sender must present a certificate that chains to one of them (mutual authentication, as RFC 5425
    /// recommends); when empty, any client may send.
    /// </summary>
    public string? ClientCaPath { get; set; }

    /// <summary>
    /// <c>…:Tls:MaxConnections</c>: concurrent TLS connections, a pool of their own, so that plain TCP senders cannot
    /// starve TLS ones (nor the other way round).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)] public int MaxConnections { get; set; } = 500;
}
