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

    /// <summary>True for <c>Version</c> 3.</summary>
    public bool IsV3 => Version?.Trim() is "3" or "v3";

    /// <summary>True for <c>Version</c> 2c.</summary>
    public bool IsV2c => Version?.Trim() is "2c" or "2" or "v2c";

    /// <summary><c>SHA</c> (also <c>SHA1</c>, <c>SHA-1</c>) or <c>SHA-256</c> (also <c>SHA256</c>); null for anything else.</summary>
    public static UsmAuthProtocol? ParseAuth(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "SHA" or "SHA1" or "SHA-1" => UsmAuthProtocol.Sha1,
        "SHA-256" or "SHA256" => UsmAuthProtocol.Sha256,
        _ => null,
    };

    /// <summary><c>AES</c> (also <c>AES128</c>, <c>AES-128</c>); null for anything else.</summary>
    public static UsmPrivProtocol? ParsePriv(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "AES" or "AES128" or "AES-128" => UsmPrivProtocol.Aes128,
        _ => null,
    };

    /// <summary>Secrets stay out of logs and exception messages, whoever prints this object.</summary>
    public override string ToString() => $"SNMP credential (version {Version})";
}
