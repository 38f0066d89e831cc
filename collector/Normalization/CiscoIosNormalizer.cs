using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>
/// Cisco IOS, IOS-XE and IOS-XR messages, found by their <c>%FACILITY-SEVERITY-MNEMONIC:</c> anywhere in the
/// text, so relay headers, sequence numbers and uptime stamps (<c>000123: *Mar  1 00:00:46.123:</c>) in front
/// of it do not matter. Any such message is recognised; those NetOps does not map become
/// <see cref="EventKind.Generic"/> events with the mnemonic's severity.
/// </summary>
public sealed class CiscoIosNormalizer : IVendorNormalizer
{
    public const string VendorName = "cisco";

    public string Vendor => VendorName;

    public bool TryNormalize(SyslogRecord record, out NormalizedMessage? result)
    {
        result = null;
        ReadOnlySpan<char> text = record.Message;
        if (!CiscoMnemonic.TryFind(text, out var m)) return false;

        ReadOnlySpan<char> body = m.BodyStart < text.Length ? text[m.BodyStart..].Trim() : default;
        ReadOnlySpan<char> facility = m.Facility(text);
        ReadOnlySpan<char> mnemonic = m.Mnemonic(text);
        var severity = (Severity)m.Severity;
        string message = TextScan.Clip(text[m.Start..]);

        result = Map(facility, mnemonic, body, severity, message)
                 ?? new NormalizedMessage { Vendor = VendorName, Kind = EventKind.Generic, Severity = severity, Message = message };
        return true;
    }

    private static NormalizedMessage? Map(ReadOnlySpan<char> facility, ReadOnlySpan<char> mnemonic, ReadOnlySpan<char> body, Severity severity, string message)
    {
        // The last facility part carries the protocol: ROUTING-BGP (IOS-XR), ACL-IPV4_ACL, PM-SP.
        int dash = facility.LastIndexOf('-');
        ReadOnlySpan<char> last = dash < 0 ? facility : facility[(dash + 1)..];

        if (mnemonic.Contains("ACCESSLOG", StringComparison.Ordinal)) return AccessLog(body, severity, message);
        if (mnemonic.SequenceEqual("UPDOWN") && (last.SequenceEqual("LINK") || last.SequenceEqual("LINEPROTO")))
            return Link(body, last.SequenceEqual("LINK") ? "link" : "protocol", severity, message);
        if (mnemonic.SequenceEqual("CHANGED") && last.SequenceEqual("LINK")) return Link(body, "admin", severity, message);
        if (last.SequenceEqual("BGP") && mnemonic.SequenceEqual("ADJCHANGE")) return BgpAdjacency(body, severity, message);
        if (last.SequenceEqual("BGP") && mnemonic.SequenceEqual("NOTIFICATION")) return BgpNotification(body, severity, message);
        if (last.StartsWith("VRRP") && mnemonic.StartsWith("STATE")) return Vrrp(body, severity, message);
        if ((last.StartsWith("HSRP") || last.SequenceEqual("STANDBY")) && mnemonic.SequenceEqual("STATECHANGE")) return Hsrp(body, severity, message);
        if (last.StartsWith("OSPF") && mnemonic.SequenceEqual("ADJCHG")) return Ospf(body, severity, message);
        if (last.SequenceEqual("SEC_LOGIN") && mnemonic.SequenceEqual("LOGIN_FAILED")) return SecLogin(body, EventKind.AuthFail, severity, message);
        if (last.SequenceEqual("SEC_LOGIN") && mnemonic.SequenceEqual("LOGIN_SUCCESS")) return SecLogin(body, EventKind.AuthSuccess, severity, message);
        if (last.SequenceEqual("SSH") && mnemonic.SequenceEqual("SSH2_USERAUTH")) return SshUserAuth(body, severity, message);
        if (last.SequenceEqual("SYS") && mnemonic.SequenceEqual("PRIV_AUTH_FAIL")) return PrivAuthFail(body, severity, message);
        if (last.SequenceEqual("SNMP") && mnemonic.SequenceEqual("AUTHFAIL")) return SnmpAuthFail(body, severity, message);
        if (last.SequenceEqual("SYS") && mnemonic.SequenceEqual("CONFIG_I")) return ConfigI(body, severity, message);
        return null;
    }

    private static NormalizedMessage Event(EventKind kind, Severity severity, string message, string? iface = null, string? detail = null) =>
        new() { Vendor = VendorName, Kind = kind, Severity = severity, Message = message, Interface = iface, Detail = detail };

    // "Interface GigabitEthernet4/0/45, changed state to down"; "Line protocol on Interface Fa0/2, changed state to up";
    // "Interface Gi2, changed state to administratively down from 10.83.75.201"
    private static NormalizedMessage? Link(ReadOnlySpan<char> body, string layer, Severity severity, string message)
    {
        var iface = TextScan.TrimPunctuation(TextScan.TokenAfter(body, "Interface "));
        int to = TextScan.IndexAfter(body, "changed state to ");
        if (iface.IsEmpty || to < 0) return null;
        var state = body[to..];
        EventKind kind;
        if (state.StartsWith("administratively down") || state.StartsWith("down")) kind = EventKind.LinkDown;
        else if (state.StartsWith("up")) kind = EventKind.LinkUp;
        else return null;
        var d = new DetailBuilder();
        d.Add("layer", layer);
        d.Add("state", state.StartsWith("administratively") ? "admin_down" : kind == EventKind.LinkDown ? "down" : "up");
        d.Add("by", TextScan.TokenAfter(state, " from "));
        return Event(kind, severity, message, iface.ToString(), d.Build());
    }

    // "neighbor 10.110.0.83 Down BGP Notification sent"; "neighbor 10.1.1.1 vpn vrf CUST Up";
    // IOS-XR: "neighbor 1.1.1.1 Down - RR client configuration changed (VRF: default) (AS: 1234)"
    private static NormalizedMessage? BgpAdjacency(ReadOnlySpan<char> body, Severity severity, string message)
    {
        int n = TextScan.IndexAfter(body, "neighbor ");
        if (n < 0) return null;
        var peer = TextScan.Token(body, n, out int end);
        var d = new DetailBuilder();
        d.Add("peer", peer);
        var next = TextScan.Token(body, end, out int end2);
        if (next.SequenceEqual("vpn") && TextScan.Token(body, end2, out int end3).SequenceEqual("vrf"))
        {
            d.Add("vrf", TextScan.Token(body, end3, out end));
            next = TextScan.Token(body, end, out end2);
        }
        var vrf = TextScan.Between(body, "(VRF: ", ")");
        if (!vrf.IsEmpty) d.Add("vrf", vrf);
        d.Add("as", TextScan.Between(body, "(AS: ", ")"));
        EventKind kind;
        if (next.Equals("Up", StringComparison.OrdinalIgnoreCase)) kind = EventKind.BgpUp;
        else if (next.Equals("Down", StringComparison.OrdinalIgnoreCase)) kind = EventKind.BgpDown;
        else return null;
        var reason = end2 < body.Length ? body[end2..].Trim().TrimStart('-').Trim() : default;
        int paren = reason.IndexOf(" (VRF:");
        if (paren >= 0) reason = reason[..paren];
        d.Add("reason", reason);
        return Event(kind, severity, message, detail: d.Build());
    }

    // "sent to neighbor 10.110.0.81 4/0 (hold time expired) 0 bytes"; "received from neighbor 10.110.0.11 6/5 (cease) 0 bytes"
    private static NormalizedMessage? BgpNotification(ReadOnlySpan<char> body, Severity severity, string message)
    {
        int n = TextScan.IndexAfter(body, "neighbor ");
        if (n < 0) return null;
        var d = new DetailBuilder();
        d.Add("peer", TextScan.Token(body, n, out int end));
        d.Add("direction", body.StartsWith("sent") ? "sent" : body.StartsWith("received") ? "received" : default);
        d.Add("code", TextScan.Token(body, end));
        d.Add("reason", TextScan.Between(body, "(", ")"));
        return Event(EventKind.BgpDown, severity, message, detail: d.Build());
    }

    // "Gi0/0 Grp 1 state Backup -> Master"; IOS-XE "Vlan10 IPv4 group 1 state MASTER -> BACKUP"
    private static NormalizedMessage? Vrrp(ReadOnlySpan<char> body, Severity severity, string message)
    {
        var iface = TextScan.Token(body, 0);
        int st = TextScan.IndexAfter(body, "state ");
        int arrow = TextScan.IndexAfter(body, "->");
        if (iface.IsEmpty || arrow < 0) return null;
        var to = TextScan.TrimPunctuation(TextScan.Token(body, arrow));
        var d = new DetailBuilder();
        var group = TextScan.TokenAfter(body, "Grp ");
        if (group.IsEmpty) group = TextScan.TokenAfter(body, "group ", StringComparison.OrdinalIgnoreCase);
        d.Add("group", group);
        if (st >= 0 && st < arrow) d.Add("from", body[st..(arrow - 2)]);
        d.Add("to", to);
        EventKind kind;
        if (to.Equals("Master", StringComparison.OrdinalIgnoreCase)) kind = EventKind.VrrpMaster;
        // Leaving master for Init (interface or tracking down) means this router no longer forwards: as backup.
        else if (to.Equals("Backup", StringComparison.OrdinalIgnoreCase) || to.Equals("Init", StringComparison.OrdinalIgnoreCase)) kind = EventKind.VrrpBackup;
        else return null;
        return Event(kind, severity, message, iface.ToString(), d.Build());
    }

    // "GigabitEthernet0/1 Grp 10 state Standby -> Active"; IOS 12.1 "%STANDBY-6-STATECHANGE: Ethernet0 Group 1 state Speak -> Standby";
    // IOS 12.0 "%STANDBY-6-STATECHANGE: Standby: 0: Ethernet0 state Active-> Speak"
    private static NormalizedMessage? Hsrp(ReadOnlySpan<char> body, Severity severity, string message)
    {
        ReadOnlySpan<char> group, iface;
        if (body.StartsWith("Standby:"))
        {
            group = TextScan.TrimPunctuation(TextScan.Token(body, "Standby:".Length, out int end));
            iface = TextScan.Token(body, end);
        }
        else
        {
            iface = TextScan.Token(body, 0);
            group = TextScan.TokenAfter(body, "Grp ");
            if (group.IsEmpty) group = TextScan.TokenAfter(body, "Group ", StringComparison.OrdinalIgnoreCase);
        }
        int st = TextScan.IndexAfter(body, "state ");
        int arrow = st < 0 ? -1 : TextScan.IndexAfter(body, "->", st);
        if (iface.IsEmpty || arrow < 0) return null;
        var from = body[st..(arrow - 2)].Trim();
        var to = TextScan.TrimPunctuation(TextScan.Token(body, arrow));
        var d = new DetailBuilder();
        d.Add("group", group);
        d.Add("from", from);
        d.Add("to", to);
        // As in the capture path: entering Active or Standby is that change; leaving Active for anything else (Speak
        // after a coup, Init when the interface or a tracked object goes down) means this router stopped forwarding.
        EventKind kind;
        if (to.Equals("Active", StringComparison.OrdinalIgnoreCase)) kind = EventKind.HsrpActive;
        else if (to.Equals("Standby", StringComparison.OrdinalIgnoreCase) || from.Equals("Active", StringComparison.OrdinalIgnoreCase)) kind = EventKind.HsrpStandby;
        else return null;
        return Event(kind, severity, message, iface.ToString(), d.Build());
    }

    // "Process 1, Nbr 172.16.46.4 on GigabitEthernet2.45 from INIT to DOWN, Neighbor Down: Dead timer expired"
    private static NormalizedMessage? Ospf(ReadOnlySpan<char> body, Severity severity, string message)
    {
        var nbr = TextScan.TokenAfter(body, "Nbr ");
        var iface = TextScan.TokenAfter(body, " on ");
        var from = TextScan.TokenAfter(body, " from ");
        int toAt = TextScan.IndexAfter(body, " to ");
        if (nbr.IsEmpty || toAt < 0) return null;
        var to = TextScan.TrimPunctuation(TextScan.Token(body, toAt, out int end));
        EventKind kind;
        if (to.Equals("FULL", StringComparison.OrdinalIgnoreCase)) kind = EventKind.OspfUp;
        else if (to.Equals("DOWN", StringComparison.OrdinalIgnoreCase) || to.Equals("INIT", StringComparison.OrdinalIgnoreCase)) kind = EventKind.OspfDown;
        else return null;
        var d = new DetailBuilder();
        d.Add("neighbor", nbr);
        d.Add("process", TextScan.TrimPunctuation(TextScan.TokenAfter(body, "Process ")));
        d.Add("from", from);
        d.Add("to", to);
        if (end < body.Length) d.Add("reason", body[end..].TrimStart(',').Trim());
        return Event(kind, severity, message, iface.IsEmpty ? null : iface.ToString(), d.Build());
    }

    // "Login failed [user: ] [Source: 172.16.0.22] [localport: 22] [Reason: Login Authentication Failed]"
    private static NormalizedMessage SecLogin(ReadOnlySpan<char> body, EventKind kind, Severity severity, string message)
    {
        var d = new DetailBuilder();
        d.Add("user", TextScan.Between(body, "[user: ", "]"));
        d.Add("source", TextScan.Between(body, "[Source: ", "]"));
        d.Add("port", TextScan.Between(body, "[localport: ", "]"));
        d.Add("reason", TextScan.Between(body, "[Reason: ", "]"));
        return Event(kind, severity, message, detail: d.Build());
    }

    // "User 'admin' authentication for SSH2 Session from 172.16.0.22 (tty = 1) using crypto cipher '…', hmac '…' Failed"
    private static NormalizedMessage? SshUserAuth(ReadOnlySpan<char> body, Severity severity, string message)
    {
        var trimmed = body.TrimEnd();
        EventKind kind;
        if (trimmed.EndsWith("Failed", StringComparison.OrdinalIgnoreCase)) kind = EventKind.AuthFail;
        else if (trimmed.EndsWith("Succeeded", StringComparison.OrdinalIgnoreCase)) kind = EventKind.AuthSuccess;
        else return null;
        var d = new DetailBuilder();
        d.Add("user", TextScan.Between(body, "User '", "'"));
        d.Add("source", TextScan.TokenAfter(body, " from "));
        d.Add("service", "ssh");
        return Event(kind, severity, message, detail: d.Build());
    }

    // "Authentication to privilege level 15 failed by qqq on vty1 (192.168.87.228)"
    private static NormalizedMessage PrivAuthFail(ReadOnlySpan<char> body, Severity severity, string message)
    {
        var d = new DetailBuilder();
        d.Add("user", TextScan.TokenAfter(body, " by "));
        d.Add("line", TextScan.TokenAfter(body, " on "));
        d.Add("source", TextScan.Between(body, "(", ")"));
        d.Add("level", TextScan.TokenAfter(body, "privilege level "));
        return Event(EventKind.AuthFail, severity, message, detail: d.Build());
    }

    // "Authentication failure for SNMP req from host 69.175.126.170"
    private static NormalizedMessage SnmpAuthFail(ReadOnlySpan<char> body, Severity severity, string message)
    {
        var d = new DetailBuilder();
        d.Add("source", TextScan.TrimPunctuation(TextScan.TokenAfter(body, "from host ")));
        d.Add("service", "snmp");
        return Event(EventKind.AuthFail, severity, message, detail: d.Build());
    }

    // "Configured from console by admin on vty0 (10.31.0.24)"; "Configured from console by vty0 (172.17.1.51)";
    // "Configured from 192.168.167.124 by snmp"; "Configured from tftp://10.83.21.224//cisco-bootstrap by console"
    private static NormalizedMessage ConfigI(ReadOnlySpan<char> body, Severity severity, string message)
    {
        var d = new DetailBuilder();
        var via = TextScan.TokenAfter(body, "Configured from ");
        int by = TextScan.IndexAfter(body, " by ");
        ReadOnlySpan<char> from = TextScan.Between(body, "(", ")");
        if (by >= 0)
        {
            var who = TextScan.Token(body, by, out int end);
            var next = TextScan.Token(body, end, out int end2);
            if (next.SequenceEqual("on"))
            {
                d.Add("user", who);
                d.Add("line", TextScan.Token(body, end2));
            }
            else d.Add("line", who);
        }
        if (from.IsEmpty && TextScan.LooksLikeAddress(via)) from = via;
        if (from.IsEmpty && via.SequenceEqual("console")) from = "console";
        d.Add("from", from);
        d.Add("via", via);
        return Event(EventKind.ConfigChange, severity, message, detail: d.Build());
    }

    // "list aclBorder denied tcp 118.84.26.135(46365) (Vlan51 0015.c726.6100) -> 124.218.199.108(22), 1 packet"
    // "list 50 denied 118.61.236.12 1 packet"; IOS-XR "access-list X deny tcp a(p) -> b(q), 1 packet"
    private static NormalizedMessage AccessLog(ReadOnlySpan<char> body, Severity severity, string message)
    {
        int list = TextScan.IndexAfter(body, "list ");
        if (list < 0) return Event(EventKind.Generic, severity, message);
        var acl = TextScan.Token(body, list, out int end);
        var verb = TextScan.Token(body, end, out end);
        FirewallAction action;
        if (verb.SequenceEqual("denied") || verb.SequenceEqual("deny")) action = FirewallAction.Deny;
        else if (verb.SequenceEqual("permitted") || verb.SequenceEqual("permit")) action = FirewallAction.Permit;
        else return Event(EventKind.Generic, severity, message); // IPACCESSLOGRL: "access-list logging rate-limited or missed 18 packets"

        var d = new DetailBuilder();
        d.Add("acl", acl);
        int arrow = body.IndexOf("->");
        var first = TextScan.Token(body, end, out int afterFirst);
        int cursor = end;
        if (arrow >= 0 && !TextScan.LooksLikeAddress(first) && afterFirst <= arrow)
        {
            d.Add("proto", first);
            cursor = afterFirst;
        }
        string? iface = null;
        // Source: the first address-like token (IOS-XE may put a MAC first); an "(ifname mac)" group may follow it.
        while (cursor < body.Length)
        {
            var t = TextScan.Token(body, cursor, out int next);
            if (t.IsEmpty || (arrow >= 0 && next > arrow + 2)) break;
            cursor = next;
            if (!TextScan.LooksLikeAddress(t)) continue;
            AddEndpoint(ref d, "src", "sport", t);
            var after = TextScan.Token(body, cursor);
            if (after.Length > 1 && after[0] == '(' && TextScan.IsUpper(after[1])) iface = after[1..].TrimEnd(')').ToString();
            break;
        }
        if (arrow >= 0) AddEndpoint(ref d, "dst", "dport", TextScan.TrimPunctuation(TextScan.Token(body, arrow + 2)));
        int p = body.LastIndexOf(" packet");
        int s = p;
        while (s > 0 && TextScan.IsDigit(body[s - 1])) s--;
        if (p > 0 && s < p) d.Add("count", body[s..p]);
        return new NormalizedMessage
        {
            Type = NormalizedType.Firewall, Vendor = VendorName, Action = action, Severity = severity,
            Interface = iface, Message = message, Detail = d.Build(),
        };
    }

    private static void AddEndpoint(ref DetailBuilder d, string addressKey, string portKey, ReadOnlySpan<char> token)
    {
        int paren = token.IndexOf('(');
        if (paren > 0 && token.EndsWith(")"))
        {
            d.Add(addressKey, token[..paren]);
            d.Add(portKey, token[(paren + 1)..^1]);
        }
        else d.Add(addressKey, token);
    }
}
