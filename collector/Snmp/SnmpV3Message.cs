namespace NetOps.Collector.Snmp;

/// <summary>
/// An SNMPv3 message (RFC 3412 §6): msgGlobalData, the USM parameters inside msgSecurityParameters' OCTET STRING, and
/// either a plaintext ScopedPDU or, with privacy, the encryptedPDU's octets. Authentication and decryption are the
/// caller's (<see cref="UsmSession"/>), which takes the MAC's place in the datagram from <see cref="MacOffset"/>.
/// </summary>
public sealed record SnmpV3Message(int MessageId, int MaxSize, SnmpV3Flags Flags, UsmSecurityParameters Security, ScopedPdu? Scoped, byte[]? EncryptedPdu)
{
    /// <summary>msgSecurityModel of USM (RFC 3411).</summary>
    public const int UsmSecurityModel = 3;

    /// <summary>RFC 3412: msgMaxSize is at least 484.</summary>
    public const int MinMaxSize = 484;

    /// <summary>What NetOps says it can receive (its receive buffers are 64 KiB).</summary>
    public const int LocalMaxSize = 65_507;

    /// <summary>Where the MAC's octets are in the bytes this message was parsed from or encoded to; -1 when it has none.</summary>
    public int MacOffset { get; init; } = -1;

    /// <summary>Encodes the message; the MAC's octets (zeros, for <see cref="Usm.Sign"/>) are at <paramref name="macOffset"/>.</summary>
    public byte[] Encode(out int macOffset)
    {
        var security = Security.Encode(out int macFromEnd);
        var writer = new BerWriter();
        int message = writer.Push();
        writer.WriteInteger((int)SnmpVersion.V3);
        int global = writer.Push();
        writer.WriteInteger(MessageId);
        writer.WriteInteger(MaxSize);
        writer.WriteOctetString([(byte)Flags]);
        writer.WriteInteger(UsmSecurityModel);
        writer.Pop(global, 0x30);
        writer.WriteOctetString(security);
        int data = writer.Length;
        if (EncryptedPdu is { } encrypted) writer.WriteOctetString(encrypted);
        else Scoped!.WriteTo(writer);
        int dataLength = writer.Length - data;
        writer.Pop(message, 0x30);
        var bytes = writer.ToArray();
        macOffset = bytes.Length - dataLength - macFromEnd;
        return bytes;
    }

    /// <summary>
    /// Reads a v3 message; never throws, every length checked. A message whose flags say privacy must carry an
    /// encryptedPDU OCTET STRING, otherwise a ScopedPDU; privacy without authentication is refused (RFC 3412 §7.2 h).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SnmpV3Message? message, out SnmpParseError error)
    {
        message = null;
        if (!SnmpCommunityMessage.TryOpenEnvelope(data, SnmpVersion.V3, out var body, out error)) return false;

        if (!body.TryReadSequence(out var global)
            || !global.TryReadInt32(out var id) || id < 0
            || !global.TryReadInt32(out var maxSize) || maxSize < MinMaxSize
            || !global.TryReadOctetString(out var flagOctets) || flagOctets.Length != 1
            || !global.TryReadInteger(out var model))
        {
            error = SnmpParseError.BadV3Header;
            return false;
        }
        if (!global.End) { error = SnmpParseError.BadV3Header; return false; }
        var flags = (SnmpV3Flags)flagOctets[0];
        if ((flags & ~(SnmpV3Flags.Auth | SnmpV3Flags.Priv | SnmpV3Flags.Reportable)) != 0
            || (flags & (SnmpV3Flags.Auth | SnmpV3Flags.Priv)) == SnmpV3Flags.Priv)
        {
            error = SnmpParseError.BadV3Header;
            return false;
        }
        if (model != UsmSecurityModel) { error = SnmpParseError.UnknownSecurityModel; return false; }

        if (!body.TryReadOctetString(out var securityOctets)
            || !UsmSecurityParameters.TryParse(securityOctets, out var security, out var mac))
        {
            error = SnmpParseError.BadSecurityParameters;
            return false;
        }
        int macOffset = mac.Length > 0 && data.Overlaps(mac, out int offset) ? offset : -1;

        ScopedPdu? scoped = null;
        byte[]? encrypted = null;
        if ((flags & SnmpV3Flags.Priv) != 0)
        {
            if (!body.TryReadOctetString(out var octets)) { error = SnmpParseError.BadMsgData; return false; }
            encrypted = octets.ToArray();
        }
        else
        {
            if (!body.TryPeekTag(out var dataTag)) { error = SnmpParseError.Truncated; return false; }
            if (dataTag != 0x30) { error = SnmpParseError.BadMsgData; return false; }
            if (!body.TryReadElement(out var element)) { error = SnmpParseError.BadLength; return false; }
            if (!ScopedPdu.TryParse(element, allowPadding: false, out scoped, out error)) return false;
        }
        if (!body.End) { error = SnmpParseError.TrailingBytes; return false; }
        error = SnmpParseError.None;
        message = new SnmpV3Message(id, maxSize, flags, security!, scoped, encrypted) { MacOffset = macOffset };
        return true;
    }
}
