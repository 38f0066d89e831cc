namespace NetOps.Collector.Snmp;

/// <summary>The PDU tags of RFC 3416 (context-specific, constructed).</summary>
public enum SnmpPduType : byte
{
    GetRequest = 0xA0,
    GetNextRequest = 0xA1,
    Response = 0xA2,
    SetRequest = 0xA3,
    GetBulkRequest = 0xA5,
    InformRequest = 0xA6,
    TrapV2 = 0xA7,
    Report = 0xA8,
}

/// <summary>SNMP message versions on the wire (the version INTEGER).</summary>
public enum SnmpVersion
{
    V1 = 0,
    V2c = 1,
    V3 = 3,
}

/// <summary>
/// A PDU. For GetBulk, <see cref="ErrorStatus"/> and <see cref="ErrorIndex"/> carry non-repeaters and
/// max-repetitions, as on the wire.
/// </summary>
public sealed record SnmpPdu(SnmpPduType Type, int RequestId, int ErrorStatus, int ErrorIndex, IReadOnlyList<VarBind> VarBinds)
{
    /// <summary>A bound on varbinds in one PDU; an agent's answer of more is refused (64 KiB holds fewer).</summary>
    public const int MaxVarBinds = 4096;

    /// <summary>A request for <paramref name="oids"/> (each with a NULL value).</summary>
    public static SnmpPdu Request(SnmpPduType type, int requestId, int status, int index, IReadOnlyList<Oid> oids) =>
        new(type, requestId, status, index, oids.Select(o => new VarBind(o, SnmpValue.Null)).ToList());

    public void WriteTo(BerWriter writer)
    {
        int pdu = writer.Push();
        writer.WriteInteger(RequestId);
        writer.WriteInteger(ErrorStatus);
        writer.WriteInteger(ErrorIndex);
        int list = writer.Push();
        foreach (var vb in VarBinds)
        {
            int one = writer.Push();
            writer.WriteOid(vb.Oid);
            writer.WriteValue(vb.Value);
            writer.Pop(one, 0x30);
        }
        writer.Pop(list, 0x30);
        writer.Pop(pdu, (byte)Type);
    }

    public static bool TryRead(ref BerReader reader, out SnmpPdu? pdu, out SnmpParseError error)
    {
        pdu = null;
        if (!reader.TryPeekTag(out var tag)) { error = SnmpParseError.Truncated; return false; }
        if (tag is < 0xA0 or > 0xA8 or 0xA4) { error = SnmpParseError.UnknownPdu; return false; }
        if (!reader.TryReadConstructed(tag, out var body)) { error = SnmpParseError.BadLength; return false; }
        if (!body.TryReadInt32(out var requestId) || !body.TryReadInt32(out var status) || !body.TryReadInt32(out var index))
        {
            error = SnmpParseError.BadPduHeader;
            return false;
        }
        if (!body.TryReadSequence(out var list)) { error = SnmpParseError.BadVarBinds; return false; }
        var binds = new List<VarBind>();
        while (!list.End)
        {
            if (binds.Count >= MaxVarBinds || !list.TryReadSequence(out var one) || !one.TryReadOid(out var oid) || !one.TryReadValue(out var value) || !one.End)
            {
                error = SnmpParseError.BadVarBinds;
                return false;
            }
            binds.Add(new VarBind(oid!, value));
        }
        pdu = new SnmpPdu((SnmpPduType)tag, requestId, status, index, binds);
        error = SnmpParseError.None;
        return true;
    }
}

/// <summary>Why a datagram was not an SNMP message (each counted by the receiver).</summary>
public enum SnmpParseError
{
    None,
    Truncated,
    BadLength,
    NotSnmp,
    UnsupportedVersion,
    BadCommunity,
    UnknownPdu,
    BadPduHeader,
    BadVarBinds,
    TrailingBytes,
    BadV3Header,
    BadSecurityParameters,
    UnknownSecurityModel,
    /// <summary>A v3 ScopedPDU that is not contextEngineID, contextName and a PDU.</summary>
    BadScopedPdu,
    /// <summary>A v3 message whose msgData is not what its flags say (plaintext when encrypted, or the reverse).</summary>
    BadMsgData,
    /// <summary>A well-formed message whose PDU is not a trap or inform (on the trap port).</summary>
    NotATrap,
    /// <summary>A trap or inform without snmpTrapOID.0 (RFC 3416 §4.2.6 puts it second).</summary>
    MissingTrapOid,
}
