namespace NetOps.Collector.Snmp;

/// <summary>
/// A v2c SNMPv2-Trap-PDU or InformRequest-PDU (RFC 3416 §4.2.6, §4.2.7): the notification's OID (snmpTrapOID.0),
/// the sender's sysUpTime.0 and the varbinds that follow them.
/// </summary>
public sealed record SnmpTrap(SnmpPduType Type, byte[] Community, SnmpPdu Pdu, uint? SysUpTime, Oid TrapOid, IReadOnlyList<VarBind> VarBinds)
{
    public static readonly Oid SnmpTrapOid0 = Oid.Parse("1.3.6.1.6.3.1.1.4.1.0");

    public bool IsInform => Type == SnmpPduType.InformRequest;

    /// <summary>Reads a v2c datagram from the trap port; never throws (the bytes are anyone's).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out SnmpTrap? trap, out SnmpParseError error)
    {
        trap = null;
        if (!SnmpCommunityMessage.TryParse(data, out var message, out error)) return false;
        return TryFrom(message!.Pdu, message.Community, out trap, out error);
    }

    /// <summary>A trap or inform PDU however it came (v2c, or v3 once USM opened it; then <paramref name="community"/> is empty).</summary>
    public static bool TryFrom(SnmpPdu pdu, byte[] community, out SnmpTrap? trap, out SnmpParseError error)
    {
        trap = null;
        if (pdu.Type is not (SnmpPduType.TrapV2 or SnmpPduType.InformRequest))
        {
            error = SnmpParseError.NotATrap;
            return false;
        }
        uint? uptime = null;
        Oid? trapOid = null;
        var rest = new List<VarBind>(pdu.VarBinds.Count);
        foreach (var vb in pdu.VarBinds)
        {
            // RFC 3416 wants them first and second; agents that put them elsewhere are read, not refused.
            if (trapOid is null && vb.Oid == SnmpTrapOid0 && vb.Value.Type == SnmpType.ObjectIdentifier && vb.Value.OidValue is { } o) trapOid = o;
            else if (uptime is null && vb.Oid == IfMib.SysUpTime0 && vb.Value.Type == SnmpType.TimeTicks) uptime = (uint)vb.Value.Number;
            else rest.Add(vb);
        }
        if (trapOid is null)
        {
            error = SnmpParseError.MissingTrapOid;
            return false;
        }
        trap = new SnmpTrap(pdu.Type, community, pdu, uptime, trapOid, rest);
        error = SnmpParseError.None;
        return true;
    }

    /// <summary>The Response-PDU that acknowledges an inform: same request-id and varbinds, no error (RFC 3416 §4.2.7).</summary>
    public byte[] EncodeInformResponse() =>
        new SnmpCommunityMessage(SnmpVersion.V2c, Community, new SnmpPdu(SnmpPduType.Response, Pdu.RequestId, 0, 0, Pdu.VarBinds)).Encode();
}
