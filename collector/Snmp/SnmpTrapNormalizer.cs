using System.Globalization;
using System.Text;
using NetOps.Core.Events;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Maps the notifications NOCs act on to event kinds: SNMPv2-MIB coldStart/warmStart (<c>system</c>) and
/// authenticationFailure (<c>auth_fail</c>), IF-MIB linkDown/linkUp, BGP4-MIB established/backward transition (both
/// the RFC 4273 and the older RFC 1657 OIDs), VRRP-MIB vrrpTrapNewMaster. Any other trap becomes a <c>generic</c>
/// event whose message lists its varbinds, so nothing a device sends is lost.
/// </summary>
public static class SnmpTrapNormalizer
{
    /// <summary>Varbinds listed in a message; a trap with more is listed up to here and says how many were left out.</summary>
    public const int MaxListedVarBinds = 32;

    /// <summary>Characters of one varbind value in a message.</summary>
    public const int MaxValueChars = 256;

    private static readonly Oid ColdStart = Oid.Parse("1.3.6.1.6.3.1.1.5.1");
    private static readonly Oid WarmStart = Oid.Parse("1.3.6.1.6.3.1.1.5.2");
    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
    private static readonly Oid LinkUp = Oid.Parse("1.3.6.1.6.3.1.1.5.4");
    private static readonly Oid AuthenticationFailure = Oid.Parse("1.3.6.1.6.3.1.1.5.5");
    private static readonly Oid BgpEstablished = Oid.Parse("1.3.6.1.2.1.15.0.1");
    private static readonly Oid BgpBackwardTransition = Oid.Parse("1.3.6.1.2.1.15.0.2");
    private static readonly Oid BgpEstablishedV1 = Oid.Parse("1.3.6.1.2.1.15.7.1");
    private static readonly Oid BgpBackwardTransitionV1 = Oid.Parse("1.3.6.1.2.1.15.7.2");
    private static readonly Oid VrrpTrapNewMaster = Oid.Parse("1.3.6.1.2.1.68.0.1");
    private static readonly Oid BgpPeerEntry = Oid.Parse("1.3.6.1.2.1.15.3.1");
    private static readonly Oid IfAdminStatus = Oid.Parse("1.3.6.1.2.1.2.2.1.7");
    private static readonly Oid VrrpOperMasterIpAddr = Oid.Parse("1.3.6.1.2.1.68.1.3.1.7");

    public static TrapEvent Normalize(SnmpTrap trap)
    {
        var oid = trap.TrapOid;
        if (oid == LinkDown || oid == LinkUp) return Link(trap, oid == LinkDown);
        if (oid == ColdStart) return new TrapEvent(EventKind.System, Severity.Warning, "coldStart", "coldStart: the agent restarted (cold start)", "trap=coldStart", null);
        if (oid == WarmStart) return new TrapEvent(EventKind.System, Severity.Notice, "warmStart", "warmStart: the agent reinitialised (warm start)", "trap=warmStart", null);
        if (oid == AuthenticationFailure)
            return new TrapEvent(EventKind.AuthFail, Severity.Warning, "authenticationFailure", "authenticationFailure: the agent refused a request's credentials", "trap=authenticationFailure", null);
        if (oid == BgpEstablished || oid == BgpEstablishedV1) return Bgp(trap, up: true);
        if (oid == BgpBackwardTransition || oid == BgpBackwardTransitionV1) return Bgp(trap, up: false);
        if (oid == VrrpTrapNewMaster)
        {
            var master = trap.VarBinds.FirstOrDefault(v => VrrpOperMasterIpAddr.IsPrefixOf(v.Oid));
            var address = master.Oid is null ? null : master.Value.AsText();
            return new TrapEvent(EventKind.VrrpMaster, Severity.Warning, "vrrpTrapNewMaster",
                address is null ? "vrrpTrapNewMaster: this router became VRRP master" : $"vrrpTrapNewMaster: this router became VRRP master ({address})",
                address is null ? "trap=vrrpTrapNewMaster" : $"trap=vrrpTrapNewMaster master={address}", null);
        }
        return new TrapEvent(EventKind.Generic, Severity.Notice, oid.ToString(), $"trap {oid}: {List(trap.VarBinds)}", $"trap={oid}", null);
    }

    private static TrapEvent Link(SnmpTrap trap, bool down)
    {
        string name = down ? "linkDown" : "linkUp";
        uint? index = null;
        string? ifname = null, ifdescr = null, admin = null, oper = null;
        foreach (var vb in trap.VarBinds)
        {
            if (IfMib.IfIndex.IsPrefixOf(vb.Oid) && vb.Value.Type == SnmpType.Integer) index = (uint)Math.Clamp(vb.Value.AsInt64, 0, uint.MaxValue);
            else if (IfMib.IfName.IsPrefixOf(vb.Oid) && vb.Value.Type == SnmpType.OctetString) ifname = vb.Value.AsText();
            else if (IfMib.IfDescr.IsPrefixOf(vb.Oid) && vb.Value.Type == SnmpType.OctetString) ifdescr = vb.Value.AsText();
            else if (IfAdminStatus.IsPrefixOf(vb.Oid)) admin = Status(vb.Value);
            else if (IfMib.IfOperStatus.IsPrefixOf(vb.Oid)) oper = Status(vb.Value);
            else continue;
            // Every ifTable/ifXTable column is indexed by ifIndex: a trap without the ifIndex varbind still names it.
            index ??= vb.Oid[vb.Oid.Length - 1];
        }
        var ifc = Bounded(!string.IsNullOrWhiteSpace(ifname) ? ifname : !string.IsNullOrWhiteSpace(ifdescr) ? ifdescr : null);
        var message = new StringBuilder(name).Append(": interface ");
        message.Append(ifc ?? (index is { } i ? $"ifIndex {i}" : "(not named)"));
        if (ifc is not null && index is { } j) message.Append(" (ifIndex ").Append(j.ToString(CultureInfo.InvariantCulture)).Append(')');
        message.Append(down ? " is down" : " is up");
        var detail = new StringBuilder("trap=").Append(name);
        if (index is { } k) detail.Append(" ifindex=").Append(k.ToString(CultureInfo.InvariantCulture));
        if (ifc is not null) detail.Append(" interface=").Append(ifc.Replace(' ', '_'));
        if (admin is not null) detail.Append(" admin=").Append(admin);
        if (oper is not null) detail.Append(" oper=").Append(oper);
        return new TrapEvent(down ? EventKind.LinkDown : EventKind.LinkUp, down ? Severity.Error : Severity.Notice, name, message.ToString(), detail.ToString(), ifc);
    }

    private static TrapEvent Bgp(SnmpTrap trap, bool up)
    {
        string name = up ? "bgpEstablished" : "bgpBackwardTransition";
        // The peer is the index of the bgpPeerTable columns the trap carries (bgpPeerRemoteAddr, LastError, State).
        string? peer = null;
        foreach (var vb in trap.VarBinds)
        {
            if (!BgpPeerEntry.IsPrefixOf(vb.Oid) || vb.Oid.Length != BgpPeerEntry.Length + 5) continue;
            var p = vb.Oid.Parts[^4..];
            if (p[0] > 255 || p[1] > 255 || p[2] > 255 || p[3] > 255) continue;
            peer = string.Create(CultureInfo.InvariantCulture, $"{p[0]}.{p[1]}.{p[2]}.{p[3]}");
            break;
        }
        var message = up ? "bgpEstablished: BGP session established" : "bgpBackwardTransition: BGP session left Established";
        return new TrapEvent(up ? EventKind.BgpUp : EventKind.BgpDown, up ? Severity.Notice : Severity.Error, name,
            peer is null ? message : $"{message} with peer {peer}", peer is null ? $"trap={name}" : $"trap={name} peer={peer}", null);
    }

    /// <summary>ifAdminStatus/ifOperStatus as words.</summary>
    private static string Status(SnmpValue value) => value.AsInt64 switch
    {
        1 => "up", 2 => "down", 3 => "testing", 4 => "unknown", 5 => "dormant", 6 => "notPresent", 7 => "lowerLayerDown",
        var n => n.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary><c>oid=value; …</c> for a message.</summary>
    public static string List(IReadOnlyList<VarBind> binds)
    {
        if (binds.Count == 0) return "(no varbinds)";
        var sb = new StringBuilder();
        for (int i = 0; i < binds.Count && i < MaxListedVarBinds; i++)
        {
            if (i > 0) sb.Append("; ");
            sb.Append(binds[i].Oid).Append('=').Append(Bounded(binds[i].Value.AsText()));
        }
        if (binds.Count > MaxListedVarBinds) sb.Append("; … ").Append((binds.Count - MaxListedVarBinds).ToString(CultureInfo.InvariantCulture)).Append(" more");
        return sb.ToString();
    }

    private static string? Bounded(string? s) => s is null ? null : s.Length > MaxValueChars ? s[..MaxValueChars] + "…" : s;
}
