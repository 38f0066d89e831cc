namespace NetOps.Collector.Snmp;

/// <summary>
/// UsmSecurityParameters (RFC 3414 §2.4), carried BER-encoded inside msgSecurityParameters' OCTET STRING: the
/// authoritative engine's ID, boots and time, the user, the MAC and the AES salt.
/// </summary>
public sealed record UsmSecurityParameters(byte[] EngineId, int EngineBoots, int EngineTime, byte[] UserName, byte[] AuthenticationParameters, byte[] PrivacyParameters)
{
    /// <summary>snmpEngineID is 5 to 32 octets (RFC 3411); empty is the discovery probe.</summary>
    public const int MaxEngineId = 32;

    /// <summary>RFC 3414: msgUserName is at most 32 octets.</summary>
    public const int MaxUserName = 32;

    /// <summary>Longer than any MAC or salt USM defines (24 and 8); a bound for hostile bytes.</summary>
    public const int MaxParameter = 64;

    public static readonly UsmSecurityParameters Discovery = new([], 0, 0, [], [], []);

    /// <summary>The SEQUENCE's BER; <paramref name="macFromEnd"/> counts the octets from the MAC's first to the end.</summary>
    public byte[] Encode(out int macFromEnd)
    {
        var writer = new BerWriter();
        int sequence = writer.Push();
        writer.WriteOctetString(EngineId);
        writer.WriteInteger(EngineBoots);
        writer.WriteInteger(EngineTime);
        writer.WriteOctetString(UserName);
        writer.WriteOctetString(AuthenticationParameters);
        int macStart = writer.Length - AuthenticationParameters.Length;
        writer.WriteOctetString(PrivacyParameters);
        // Closing the sequence prepends its header, which leaves the distance to the end as it is.
        macFromEnd = writer.Length - macStart;
        writer.Pop(sequence, 0x30);
        return writer.ToArray();
    }

    /// <summary>Reads the SEQUENCE from msgSecurityParameters' contents; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out UsmSecurityParameters? parameters, out ReadOnlySpan<byte> mac)
    {
        parameters = null;
        mac = default;
        var outer = new BerReader(data);
        if (!outer.TryReadSequence(out var body) || !outer.End) return false;
        if (!body.TryReadOctetString(out var engineId) || engineId.Length > MaxEngineId) return false;
        if (!body.TryReadInteger(out var boots) || boots is < 0 or > int.MaxValue) return false;
        if (!body.TryReadInteger(out var time) || time is < 0 or > int.MaxValue) return false;
        if (!body.TryReadOctetString(out var user) || user.Length > MaxUserName) return false;
        if (!body.TryReadOctetString(out var auth) || auth.Length > MaxParameter) return false;
        if (!body.TryReadOctetString(out var priv) || priv.Length > MaxParameter) return false;
        if (!body.End) return false;
        mac = auth;
        parameters = new UsmSecurityParameters(engineId.ToArray(), (int)boots, (int)time, user.ToArray(), auth.ToArray(), priv.ToArray());
        return true;
    }
}
