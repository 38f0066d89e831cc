using NetOps.Collector.Snmp;
using NetOps.Core.Events;

namespace NetOps.Collector.Tests.Snmp;

public sealed class SnmpTrapTests
{
    internal static byte[] Trap(string trapOid, SnmpPduType type = SnmpPduType.TrapV2, params VarBind[] binds)
    {
        var all = new List<VarBind>
        {
            new(IfMib.SysUpTime0, SnmpValue.TimeTicks(4242)),
            new(SnmpTrap.SnmpTrapOid0, SnmpValue.ObjectId(Oid.Parse(trapOid))),
        };
        all.AddRange(binds);
        return new SnmpCommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new SnmpPdu(type, 991, 0, 0, all)).Encode();
    }

    private static TrapEvent Decode(byte[] datagram)
    {
        Assert.True(SnmpTrap.TryDecode(datagram, out var trap, out var error), error.ToString());
        return SnmpTrapNormalizer.Normalize(trap!);
    }

    [Fact]
    public void LinkDown_with_ifIndex_and_ifName_is_a_link_down_naming_the_interface()
    {
        var ev = Decode(Trap("1.3.6.1.6.3.1.1.5.3", SnmpPduType.TrapV2,
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.2"), SnmpValue.Integer(2)),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.7.2"), SnmpValue.Integer(1)),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.8.2"), SnmpValue.Integer(2)),
            new VarBind(Oid.Parse("1.3.6.1.2.1.31.1.1.1.1.2"), SnmpValue.OctetString("Gi0/1"))));
        Assert.Equal(EventKind.LinkDown, ev.Kind);
        Assert.Equal(Severity.Error, ev.Severity);
        Assert.Equal("Gi0/1", ev.Interface);
        Assert.Equal("linkDown: interface Gi0/1 (ifIndex 2) is down", ev.Message);
        Assert.Equal("trap=linkDown ifindex=2 interface=Gi0/1 admin=up oper=down", ev.Detail);
    }

    [Fact]
    public void LinkUp_with_only_ifDescr_names_the_interface_by_it()
    {
        var ev = Decode(Trap("1.3.6.1.6.3.1.1.5.4", SnmpPduType.TrapV2,
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.2.5"), SnmpValue.OctetString("GigabitEthernet0/4"))));
        Assert.Equal(EventKind.LinkUp, ev.Kind);
        Assert.Equal("GigabitEthernet0/4", ev.Interface);
        Assert.Contains("ifindex=5", ev.Detail);
    }

    [Theory]
    [InlineData("1.3.6.1.6.3.1.1.5.1", EventKind.System)]
    [InlineData("1.3.6.1.6.3.1.1.5.2", EventKind.System)]
    [InlineData("1.3.6.1.6.3.1.1.5.5", EventKind.AuthFail)]
    [InlineData("1.3.6.1.2.1.15.0.1", EventKind.BgpUp)]
    [InlineData("1.3.6.1.2.1.15.0.2", EventKind.BgpDown)]
    [InlineData("1.3.6.1.2.1.15.7.1", EventKind.BgpUp)]
    [InlineData("1.3.6.1.2.1.15.7.2", EventKind.BgpDown)]
    [InlineData("1.3.6.1.2.1.68.0.1", EventKind.VrrpMaster)]
    [InlineData("1.3.6.1.4.1.9.9.41.2.0.1", EventKind.Generic)]
    public void Each_known_notification_has_its_kind(string oid, EventKind kind) => Assert.Equal(kind, Decode(Trap(oid)).Kind);

    [Fact]
    public void A_bgp_backward_transition_names_the_peer_from_the_varbind_index()
    {
        var ev = Decode(Trap("1.3.6.1.2.1.15.0.2", SnmpPduType.TrapV2,
            new VarBind(Oid.Parse("1.3.6.1.2.1.15.3.1.14.192.0.2.9"), SnmpValue.OctetString([6, 2])),
            new VarBind(Oid.Parse("1.3.6.1.2.1.15.3.1.2.192.0.2.9"), SnmpValue.Integer(1))));
        Assert.Equal("trap=bgpBackwardTransition peer=192.0.2.9", ev.Detail);
    }

    [Fact]
    public void An_unknown_trap_is_a_generic_event_listing_its_varbinds()
    {
        var ev = Decode(Trap("1.3.6.1.4.1.99999.0.7", SnmpPduType.TrapV2,
            new VarBind(Oid.Parse("1.3.6.1.4.1.99999.1.1.0"), SnmpValue.OctetString("fan 2 failed")),
            new VarBind(Oid.Parse("1.3.6.1.4.1.99999.1.2.0"), SnmpValue.Integer(-3))));
        Assert.Equal(EventKind.Generic, ev.Kind);
        Assert.Equal("trap 1.3.6.1.4.1.99999.0.7: 1.3.6.1.4.1.99999.1.1.0=fan 2 failed; 1.3.6.1.4.1.99999.1.2.0=-3", ev.Message);
    }

    [Fact]
    public void An_inform_is_answered_with_a_response_of_the_same_request_id_and_varbinds()
    {
        Assert.True(SnmpTrap.TryDecode(Trap("1.3.6.1.6.3.1.1.5.3", SnmpPduType.InformRequest), out var trap, out _));
        Assert.True(trap!.IsInform);
        Assert.True(SnmpCommunityMessage.TryParse(trap.EncodeInformResponse(), out var response, out _));
        Assert.Equal(SnmpPduType.Response, response!.Pdu.Type);
        Assert.Equal(991, response.Pdu.RequestId);
        Assert.Equal(0, response.Pdu.ErrorStatus);
        Assert.Equal(trap.Pdu.VarBinds.Select(v => v.Oid), response.Pdu.VarBinds.Select(v => v.Oid));
        Assert.Equal("public"u8.ToArray(), response.Community);
    }

    [Fact]
    public void A_trap_without_snmpTrapOID_is_refused()
    {
        var bytes = new SnmpCommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(),
            new SnmpPdu(SnmpPduType.TrapV2, 1, 0, 0, [new VarBind(IfMib.SysUpTime0, SnmpValue.TimeTicks(1))])).Encode();
        Assert.False(SnmpTrap.TryDecode(bytes, out _, out var error));
        Assert.Equal(SnmpParseError.MissingTrapOid, error);
    }

    [Fact]
    public void A_get_request_on_the_trap_port_is_not_a_trap()
    {
        var bytes = new SnmpCommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(),
            new SnmpPdu(SnmpPduType.GetRequest, 1, 0, 0, [new VarBind(IfMib.SysUpTime0, SnmpValue.Null)])).Encode();
        Assert.False(SnmpTrap.TryDecode(bytes, out _, out var error));
        Assert.Equal(SnmpParseError.NotATrap, error);
    }

    [Fact]
    public void A_trap_with_thousands_of_varbinds_lists_a_bounded_number()
    {
        var binds = Enumerable.Range(0, 200).Select(i => new VarBind(Oid.Parse($"1.3.6.1.4.1.1.{i}"), SnmpValue.OctetString(new string('x', 1000)))).ToArray();
        var ev = Decode(Trap("1.3.6.1.4.1.1.0.1", SnmpPduType.TrapV2, binds));
        Assert.EndsWith("… 168 more", ev.Message);
        Assert.True(ev.Message.Length < 32 * 300);
    }
}
