using Microsoft.Extensions.Options;

namespace NetOps.Collector.Snmp;

/// <summary>
/// The version 3 credentials of <c>Collector:Snmp:Credentials</c> as <see cref="UsmUser"/>s, one per credential for the
/// life of the process, so their keys are derived once and localized once per engine, whatever reloads the inventory.
/// </summary>
public sealed class UsmUsers
{
    private readonly Dictionary<string, UsmUser> _byCredential = new(StringComparer.OrdinalIgnoreCase);

    public UsmUsers(IOptions<SnmpOptions> options)
        : this(options.Value)
    {
    }

    public UsmUsers(SnmpOptions options)
    {
        foreach (var (name, credential) in options.Credentials)
            if (credential.IsV3 && !string.IsNullOrEmpty(credential.User)) _byCredential[name] = UsmUser.From(name, credential);
    }

    /// <summary>The user of credential <paramref name="name"/>, or null when it is not a configured v3 credential.</summary>
    public UsmUser? Find(string name) => _byCredential.GetValueOrDefault(name);

    /// <summary>Every configured user called <paramref name="userName"/> (a trap names its user, not a credential).</summary>
    public IEnumerable<UsmUser> Named(byte[] userName) =>
        _byCredential.Values.Where(u => u.UserName.AsSpan().SequenceEqual(userName));

    public bool Any => _byCredential.Count > 0;
}
