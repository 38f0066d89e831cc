namespace NetOps.Collector.Snmp;

/// <summary>
/// One credential, <c>Collector:Snmp:Credentials:NAME:…</c>: its secrets live in configuration or the environment
/// (<c>NETOPS__Collector__Snmp__Credentials__NAME__Community</c>), never in the inventory, and are never logged.
/// </summary>
public sealed class SnmpCredentialOptions
{
    /// <summary><c>…:Version</c>: <c>2c</c> or <c>3</c>.</summary>
    public string Version { get; set; } = "2c";

    /// <summary><c>…:Community</c> (v2c).</summary>
    public string? Community { get; set; }

    /// <summary><c>…:User</c>, <c>…:AuthProtocol</c> (<c>SHA</c>, <c>SHA-256</c>), <c>…:AuthKey</c>, <c>…:PrivProtocol</c> (<c>AES</c>), <c>…:PrivKey</c> (v3).</summary>
    public string? User { get; set; }
    public string? AuthProtocol { get; set; }
    public string? AuthKey { get; set; }
    public string? PrivProtocol { get; set; }
    public string? PrivKey { get; set; }

    /// <summary>Secrets stay out of logs and exception messages, whoever prints this object.</summary>
    public override string ToString() => $"SNMP credential (version {Version})";
}
