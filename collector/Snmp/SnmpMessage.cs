namespace NetOps.Collector.Snmp;

/// <summary>A community-based (v1-framed v2c) message: version, community, PDU (RFC 1901).</summary>
public sealed record SnmpCommunityMessage(SnmpVersion Version, byte[] Community, SnmpPdu Pdu)
{
    /// <summary>Communities longer than this are refused (net-snmp caps them at 255 too).</summary>
    public const int MaxCommunity = 255;

    public byte[] Encode()
    {
        var writer = new BerWriter();
        int message = writer.Push();
        writer.WriteInteger((int)Version);
        writer.WriteOctetString(Community);
        Pdu.WriteTo(writer);
        writer.Pop(message, 0x30);
        return writer.ToArray();
    }

    /// <summary>Reads a v2c message; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SnmpCommunityMessage? message, out SnmpParseError error)
    {
        message = null;
        if (!TryOpenEnvelope(data, SnmpVersion.V2c, out var body, out error)) return false;
        if (!body.TryReadOctetString(out var community) || community.Length > MaxCommunity) { error = SnmpParseError.BadCommunity; return false; }
        if (!SnmpPdu.TryRead(ref body, out var pdu, out error)) return false;
        if (!body.End) { error = SnmpParseError.TrailingBytes; return false; }
        message = new SnmpCommunityMessage(SnmpVersion.V2c, community.ToArray(), pdu!);
        return true;
    }

    /// <summary>
    /// The outer SEQUENCE of any SNMP message, which must fill <paramref name="data"/>, and its version INTEGER, which
    /// must be <paramref name="version"/>; <paramref name="body"/> is left after the version. Never throws.
    /// </summary>
    internal static bool TryOpenEnvelope(ReadOnlySpan<byte> data, SnmpVersion version, out BerReader body, out SnmpParseError error)
    {
        body = default;
        var outer = new BerReader(data);
        if (!outer.TryPeekTag(out var tag)) { error = SnmpParseError.Truncated; return false; }
        if (tag != 0x30) { error = SnmpParseError.NotSnmp; return false; }
        if (!outer.TryReadSequence(out body)) { error = SnmpParseError.BadLength; return false; }
        if (!outer.End) { error = SnmpParseError.TrailingBytes; return false; }
        if (!body.TryReadInteger(out var found)) { error = SnmpParseError.NotSnmp; return false; }
        if (found != (int)version) { error = SnmpParseError.UnsupportedVersion; return false; }
        error = SnmpParseError.None;
        return true;
    }

    /// <summary>The version INTEGER of any SNMP message, or -1 when the bytes do not start like one.</summary>
    public static long PeekVersion(ReadOnlySpan<byte> data)
    {
        var outer = new BerReader(data);
        if (!outer.TryReadSequence(out var body) || !body.TryReadInteger(out var version)) return -1;
        return version;
    }
}
