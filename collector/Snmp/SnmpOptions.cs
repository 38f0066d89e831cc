using System.ComponentModel.DataAnnotations;
using System.Net;

namespace NetOps.Collector.Snmp;

/// <summary><c>Collector:Snmp</c> section: the IF-MIB poller and the trap receiver.</summary>
public sealed class SnmpOptions
{
    public const string Section = "Collector:Snmp";

    /// <summary><c>Collector:Snmp:Enabled</c>: the poller and the trap receiver.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Collector:Snmp:TrapPort</c>: v2c traps and informs over UDP (162 in production); 0 turns the receiver off.</summary>
    [Range(0, 65535)] public int TrapPort { get; set; } = 1162;

    /// <summary><c>Collector:Snmp:BindAddress</c>: the trap receiver's address, 127.0.0.1 by default; 0.0.0.0 or :: to take traps from the network.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary><c>Collector:Snmp:ReceiveBufferBytes</c>: the trap socket's kernel buffer (a burst of traps when a node fails).</summary>
    [Range(65_536, 1 << 30)] public int ReceiveBufferBytes { get; set; } = 4 << 20;

    /// <summary><c>Collector:Snmp:MaxConcurrentPolls</c>: device polls in flight at once.</summary>
    [Range(1, 4096)] public int MaxConcurrentPolls { get; set; } = 64;

    /// <summary><c>Collector:Snmp:TimeoutMs</c>: how long one request waits for its answer before it is sent again.</summary>
    [Range(50, 60_000)] public int TimeoutMs { get; set; } = 2000;

    /// <summary><c>Collector:Snmp:Retries</c>: resends of a request that got no answer (so 1 + Retries attempts).</summary>
    [Range(0, 10)] public int Retries { get; set; } = 1;

    /// <summary><c>Collector:Snmp:MaxRepetitions</c>: GETBULK max-repetitions, rows asked for per request of the IF-MIB walk.</summary>
    [Range(1, 200)] public int MaxRepetitions { get; set; } = 16;

    /// <summary><c>Collector:Snmp:MaxInterfaces</c>: interfaces one device's walk may return; more are left out and logged.</summary>
    [Range(1, 100_000)] public int MaxInterfaces { get; set; } = 4096;

    /// <summary><c>Collector:Snmp:Credentials:NAME</c>: the credentials that inventory devices name in <c>snmp.credential</c>.</summary>
    public Dictionary<string, SnmpCredentialOptions> Credentials { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The credential called <paramref name="name"/> (configuration keys are case-insensitive), or null.</summary>
    public SnmpCredentialOptions? FindCredential(string name)
    {
        if (Credentials.TryGetValue(name, out var c)) return c;
        foreach (var (key, value) in Credentials)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    /// <summary>Checks what data annotations cannot; each error names its key and none carries a secret.</summary>
    public IEnumerable<string> Validate()
    {
        if (!IPAddress.TryParse(BindAddress, out _))
            yield return $"{Section}:BindAddress '{BindAddress}' is not an IP address";
        foreach (var (name, credential) in Credentials)
        {
            var key = $"{Section}:Credentials:{name}";
            switch (credential.Version?.Trim())
            {
                case "2c" or "2" or "v2c":
                    if (string.IsNullOrEmpty(credential.Community))
                        yield return $"{key}:Community is required for a version 2c credential";
                    else if (credential.Community.Length > SnmpCommunityMessage.MaxCommunity)
                        yield return $"{key}:Community is longer than {SnmpCommunityMessage.MaxCommunity} bytes";
                    break;
                case "3" or "v3":
                    yield return $"{key}:Version: SNMPv3 (USM) is not yet supported; use a version 2c credential for now";
                    break;
                default:
                    yield return $"{key}:Version '{credential.Version}' is neither 2c nor 3";
                    break;
            }
        }
    }
}
