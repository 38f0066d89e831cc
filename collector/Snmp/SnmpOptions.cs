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

    /// <summary>
    /// <c>Collector:Snmp:ShardCount</c>: collectors that split the polled devices between them (1: this one polls them
    /// all). Each polls the devices <see cref="SnmpShard"/> gives its <see cref="ShardIndex"/>.
    /// </summary>
    public int ShardCount { get; set; } = 1;

    /// <summary><c>Collector:Snmp:ShardIndex</c>: this collector's shard, 0-based (0 to ShardCount - 1).</summary>
    public int ShardIndex { get; set; }

    /// <summary>
    /// <c>Collector:Snmp:Sharding</c>: how collectors split the polled devices. <c>index</c> (default): by
    /// <see cref="ShardCount"/> and <see cref="ShardIndex"/>, set by hand. <c>members</c>: among the collectors whose
    /// heartbeat in the shared state DB is recent (<see cref="SnmpMembership"/>), so a stopped collector's devices are
    /// taken over by the others within three heartbeats.
    /// </summary>
    public string Sharding { get; set; } = "index";

    /// <summary><c>Collector:Snmp:MemberName</c>: this collector's name among the members (empty: the machine's name); unique per collector.</summary>
    public string MemberName { get; set; } = "";

    /// <summary><c>Collector:Snmp:HeartbeatSeconds</c>: how often a member renews its heartbeat; one silent for three is gone.</summary>
    [Range(1, 3600)] public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>Whether the devices are split by membership (<c>Sharding=members</c>).</summary>
    public bool ByMembership => string.Equals(Sharding, "members", StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="MemberName"/>, or the machine's name.</summary>
    public string EffectiveMemberName => string.IsNullOrWhiteSpace(MemberName) ? Environment.MachineName : MemberName.Trim();

    /// <summary>
    /// <c>Collector:Snmp:EngineId</c>: the receiver's snmpEngineID in hex (authoritative for v3 informs); empty means one
    /// generated once into <c>DataDir/snmp-engine-id</c>.
    /// </summary>
    public string? EngineId { get; set; }

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
        if (!string.Equals(Sharding, "index", StringComparison.OrdinalIgnoreCase) && !ByMembership)
            yield return $"{Section}:Sharding '{Sharding}' is neither index nor members";
        if (ByMembership && ShardCount != 1)
            yield return $"{Section}:ShardCount {ShardCount} is for {Section}:Sharding=index; with members the collectors split the devices among themselves (leave ShardCount at 1)";
        if (ByMembership && EffectiveMemberName.Length > 128)
            yield return $"{Section}:MemberName is longer than 128 characters";
        if (ShardCount is < 1 or > SnmpShard.MaxShards)
            yield return $"{Section}:ShardCount {ShardCount} is not from 1 to {SnmpShard.MaxShards} (the collectors that split the polled devices)";
        else if (ShardIndex < 0 || ShardIndex >= ShardCount)
            yield return $"{Section}:ShardIndex {ShardIndex} is not from 0 to {ShardCount - 1} (0-based, below {Section}:ShardCount {ShardCount})";
        foreach (var (name, credential) in Credentials)
        {
            var key = $"{Section}:Credentials:{name}";
            if (credential.IsV2c)
            {
                if (string.IsNullOrEmpty(credential.Community))
                    yield return $"{key}:Community is required for a version 2c credential";
                else if (credential.Community.Length > SnmpCommunityMessage.MaxCommunity)
                    yield return $"{key}:Community is longer than {SnmpCommunityMessage.MaxCommunity} bytes";
            }
            else if (credential.IsV3)
            {
                foreach (var error in ValidateV3(key, credential)) yield return error;
            }
            else yield return $"{key}:Version '{credential.Version}' is neither 2c nor 3";
        }
        if (!string.IsNullOrEmpty(EngineId) && ParseEngineId(EngineId) is null)
            yield return $"{Section}:EngineId '{EngineId}' is not 5 to 32 octets of hex (e.g. 80001f88046e65746f7073)";
    }

    /// <summary>A v3 credential's keys; the messages name the key and never show a password.</summary>
    private static IEnumerable<string> ValidateV3(string key, SnmpCredentialOptions credential)
    {
        if (string.IsNullOrEmpty(credential.User))
            yield return $"{key}:User is required for a version 3 credential";
        else if (System.Text.Encoding.UTF8.GetByteCount(credential.User) > UsmSecurityParameters.MaxUserName)
            yield return $"{key}:User is longer than {UsmSecurityParameters.MaxUserName} bytes";
        if (string.IsNullOrEmpty(credential.AuthProtocol))
            yield return $"{key}:AuthProtocol is required for a version 3 credential (SHA or SHA-256)";
        else if (SnmpCredentialOptions.ParseAuth(credential.AuthProtocol) is null)
            yield return $"{key}:AuthProtocol '{credential.AuthProtocol}' is neither SHA nor SHA-256";
        if ((credential.AuthKey?.Length ?? 0) < Usm.MinimumPasswordLength)
            yield return $"{key}:AuthKey: at least {Usm.MinimumPasswordLength} characters";
        bool priv = !string.IsNullOrEmpty(credential.PrivProtocol);
        if (priv && SnmpCredentialOptions.ParsePriv(credential.PrivProtocol) is null)
            yield return $"{key}:PrivProtocol '{credential.PrivProtocol}' is not AES";
        if (!priv && !string.IsNullOrEmpty(credential.PrivKey))
            yield return $"{key}:PrivProtocol is required with {key}:PrivKey (AES)";
        if (priv && (credential.PrivKey?.Length ?? 0) < Usm.MinimumPasswordLength)
            yield return $"{key}:PrivKey: at least {Usm.MinimumPasswordLength} characters";
    }

    /// <summary><c>Collector:Snmp:EngineId</c> as octets, or null when it is not 5 to 32 octets of hex.</summary>
    public static byte[]? ParseEngineId(string? hex)
    {
        if (string.IsNullOrWhiteSpace(hex)) return null;
        var text = hex.Trim().Replace(":", "", StringComparison.Ordinal);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        try
        {
            var bytes = Convert.FromHexString(text);
            return bytes.Length is >= 5 and <= UsmSecurityParameters.MaxEngineId ? bytes : null;
        }
        catch (FormatException) { return null; }
    }
}
