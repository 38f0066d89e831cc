using System.Collections.Concurrent;
using System.Text;

namespace NetOps.Collector.Snmp;

/// <summary>
/// A v3 credential ready for the wire: its user name and protocols, the password keys (Ku, RFC 3414 §A.2: a megabyte
/// of hashing each) derived once on first use, and the keys localized per authoritative engine ID cached, so a poll
/// never derives a key. Holds secrets: its <see cref="ToString"/> names only the credential.
/// </summary>
public sealed class UsmUser
{
    /// <summary>Localized keys kept per user; beyond this (a flood of made-up engine IDs on the trap port) they are not cached.</summary>
    public const int MaxCachedEngines = 20_000;

    private readonly byte[] _authPassword;
    private readonly byte[] _privPassword;
    private readonly Lazy<(byte[] Auth, byte[] Priv)> _passwordKeys;
    private readonly ConcurrentDictionary<string, UsmKeys> _localized = new(StringComparer.Ordinal);

    public UsmUser(string credentialName, string userName, UsmAuthProtocol auth, string? authPassword, UsmPrivProtocol priv, string? privPassword)
    {
        CredentialName = credentialName;
        UserName = Encoding.UTF8.GetBytes(userName);
        Auth = auth;
        Priv = auth == UsmAuthProtocol.None ? UsmPrivProtocol.None : priv;
        _authPassword = Encoding.UTF8.GetBytes(authPassword ?? "");
        _privPassword = Encoding.UTF8.GetBytes(privPassword ?? "");
        _passwordKeys = new(() => (
            Auth == UsmAuthProtocol.None ? [] : Usm.PasswordToKey(Auth, _authPassword),
            // RFC 3826 §1.2: the privacy key comes from the privacy password by the authentication protocol's hash.
            Priv == UsmPrivProtocol.None ? [] : Usm.PasswordToKey(Auth, _privPassword)));
    }

    /// <summary>The configuration name (<c>Collector:Snmp:Credentials:NAME</c>), for logs.</summary>
    public string CredentialName { get; }
    public byte[] UserName { get; }
    public UsmAuthProtocol Auth { get; }
    public UsmPrivProtocol Priv { get; }

    /// <summary>The msgFlags security level this user speaks at.</summary>
    public SnmpV3Flags Level => (Auth != UsmAuthProtocol.None ? SnmpV3Flags.Auth : 0) | (Priv != UsmPrivProtocol.None ? SnmpV3Flags.Priv : 0);

    /// <summary>The resolved <c>Collector:Snmp:Credentials:NAME</c> entry of a validated version 3 credential.</summary>
    public static UsmUser From(string credentialName, SnmpCredentialOptions credential) => new(credentialName, credential.User ?? "",
        SnmpCredentialOptions.ParseAuth(credential.AuthProtocol) ?? UsmAuthProtocol.None, credential.AuthKey,
        SnmpCredentialOptions.ParsePriv(credential.PrivProtocol) ?? UsmPrivProtocol.None, credential.PrivKey);

    /// <summary>The keys for <paramref name="engineId"/>, from the cache when it was seen before.</summary>
    public UsmKeys KeysFor(ReadOnlySpan<byte> engineId)
    {
        var id = Convert.ToHexString(engineId);
        if (_localized.TryGetValue(id, out var keys)) return keys;
        var (auth, priv) = _passwordKeys.Value;
        keys = new UsmKeys(
            Auth == UsmAuthProtocol.None ? [] : Usm.Localize(Auth, auth, engineId),
            Priv == UsmPrivProtocol.None ? [] : Usm.Localize(Auth, priv, engineId));
        if (_localized.Count < MaxCachedEngines) _localized.TryAdd(id, keys);
        return keys;
    }

    /// <summary>How many engines have localized keys cached (for tests).</summary>
    public int CachedEngines => _localized.Count;

    public override string ToString() => $"SNMPv3 user of credential {CredentialName}";
}

/// <summary>A user's keys localized to one engine (Kul). Never printed.</summary>
public sealed class UsmKeys(byte[] auth, byte[] priv)
{
    public byte[] Auth { get; } = auth;
    public byte[] Priv { get; } = priv;
    public override string ToString() => "USM keys";
}
