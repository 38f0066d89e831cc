using System.Buffers.Binary;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Outgoing and incoming USM processing (RFC 3414 §3.1, §3.2) over <see cref="SnmpV3Message"/>: sealing a ScopedPDU at
/// a user's level (encrypt, then sign the whole message) and opening a received one (verify the MAC over the received
/// octets, then decrypt and parse). Pure functions; the engine state (IDs, boots, time) is the caller's.
/// </summary>
public static class UsmSecurity
{
    /// <summary>The usmStats subtree (RFC 3414 §5): a Report's first varbind says which check failed.</summary>
    public static readonly Oid UsmStats = Oid.Parse("1.3.6.1.6.3.15.1.1");

    /// <summary>RFC 3414 §3.2.7: a message more than 150 s away from the authoritative engine's time is refused.</summary>
    public const int TimeWindowSeconds = 150;

    /// <summary>usmStats counter OID of <paramref name="status"/> (its .0 instance).</summary>
    public static Oid StatsOid(UsmStatus status) => Oid.Parse($"1.3.6.1.6.3.15.1.1.{(int)status}.0");

    /// <summary>Which usmStats counter a Report names, or null when its first varbind is something else.</summary>
    public static UsmStatus? ReportStatus(SnmpPdu report)
    {
        if (report.VarBinds.Count == 0) return null;
        var oid = report.VarBinds[0].Oid;
        if (oid.Length != UsmStats.Length + 2 || !UsmStats.IsPrefixOf(oid) || oid[oid.Length - 1] != 0) return null;
        uint n = oid[UsmStats.Length];
        return n is >= 1 and <= 6 ? (UsmStatus)n : null;
    }

    /// <summary>
    /// The datagram of <paramref name="scoped"/> at <paramref name="flags"/>' level: with Priv, encrypted under a salt
    /// of <paramref name="salt"/>; with Auth, signed. <paramref name="keys"/> may be null only without Auth.
    /// </summary>
    public static byte[] Seal(ScopedPdu scoped, int messageId, SnmpV3Flags flags, UsmUser? user, UsmKeys? keys,
        byte[] engineId, int boots, int time, ulong salt)
    {
        bool auth = (flags & SnmpV3Flags.Auth) != 0 && user is not null && keys is not null;
        bool priv = auth && (flags & SnmpV3Flags.Priv) != 0;
        byte[]? encrypted = null;
        byte[] privParameters = [];
        if (priv)
        {
            privParameters = new byte[Usm.SaltLength];
            BinaryPrimitives.WriteUInt64BigEndian(privParameters, salt);
            encrypted = Usm.Encrypt(keys!.Priv, boots, time, privParameters, scoped.Encode());
        }
        var macLength = auth ? Usm.MacLength(user!.Auth) : 0;
        var security = new UsmSecurityParameters(engineId, boots, time, user?.UserName ?? [], new byte[macLength], privParameters);
        var message = new SnmpV3Message(messageId, SnmpV3Message.LocalMaxSize, flags, security, priv ? null : scoped, encrypted);
        var bytes = message.Encode(out int macOffset);
        if (auth) Usm.Sign(user!.Auth, keys!.Auth, bytes, macOffset);
        return bytes;
    }

    /// <summary>
    /// Authenticates and decrypts <paramref name="message"/>, parsed from <paramref name="datagram"/>, for
    /// <paramref name="user"/> with the keys of the message's engine. Never throws: anything wrong is a status.
    /// </summary>
    public static UsmStatus Open(ReadOnlySpan<byte> datagram, SnmpV3Message message, UsmUser user, UsmKeys keys, out ScopedPdu? scoped)
    {
        scoped = message.Scoped;
        var level = message.Flags & (SnmpV3Flags.Auth | SnmpV3Flags.Priv);
        // Only authenticated messages at the user's own level: an unauthenticated v3 message proves nothing.
        if (level != user.Level || user.Auth == UsmAuthProtocol.None) { scoped = null; return UsmStatus.UnsupportedSecLevel; }
        if (!Usm.Verify(user.Auth, keys.Auth, datagram, message.MacOffset, message.Security.AuthenticationParameters.Length))
        {
            scoped = null;
            return UsmStatus.WrongDigest;
        }
        if ((level & SnmpV3Flags.Priv) == 0) return UsmStatus.Ok;
        scoped = null;
        var security = message.Security;
        if (message.EncryptedPdu is not { } encrypted
            || !Usm.TryDecrypt(keys.Priv, security.EngineBoots, security.EngineTime, security.PrivacyParameters, encrypted, out var plain)
            || !ScopedPdu.TryParse(plain, allowPadding: true, out scoped, out _))
        {
            return UsmStatus.DecryptionError;
        }
        return UsmStatus.Ok;
    }
}
