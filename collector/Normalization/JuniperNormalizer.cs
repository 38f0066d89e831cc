using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>
/// Junos messages, by their event tag (<c>SNMP_TRAP_LINK_DOWN</c>, <c>RPD_BGP_NEIGHBOR_STATE_CHANGED</c>, …) in
/// either the BSD form (<c>mib2d[2424]: SNMP_TRAP_LINK_DOWN: ifIndex 502, …, ifName xe-0/0/0</c>) or the
/// structured RFC 5424 form (tag in MSGID, facts in <c>[junos@2636… key="value"]</c>, which relays sometimes leave
/// inside the message text). Any line with a known Junos tag prefix or <c>junos@</c> structured data is recognised;
/// tags NetOps does not map become <see cref="EventKind.Generic"/> events. Untagged sshd/login lines are taken
/// only from a device the inventory says is Juniper, since the same text comes from any Unix host.
/// </summary>
/// <remarks>
/// Session counting: SRX writes <c>RT_FLOW_SESSION_CREATE</c> when a session is permitted and
/// <c>RT_FLOW_SESSION_CLOSE</c> when it ends (each only if the policy logs it). CREATE is counted as a permit and
/// DENY as a deny; CLOSE is a <see cref="NormalizedMessage.Redundant"/> event, so a session logged at both ends
/// is counted once. A policy that logs only session-close is therefore not counted: log session-init for it.
/// OSPF: <c>RPD_OSPF_NBRUP</c> is written for every upward step (Init→2Way→ExStart…); only the step to Full is
/// <see cref="EventKind.OspfUp"/>, the others are generic, so one adjacency makes one ospf_up.
/// </remarks>
public sealed class JuniperNormalizer : IVendorNormalizer
{
    public const string VendorName = "juniper";

    /// <summary>Tokens looked at for the tag; the tag sits right after the header and the daemon name.</summary>
    private const int MaxHeaderTokens = 12;

    private static readonly string[] TagPrefixes =
    [
        "RPD_", "SNMP_", "SNMPD_", "RT_", "UI_", "SSHD_", "KMD_", "CHASSISD_", "ESWD_", "KERN_", "BFDD_", "LACP_", "LACPD_",
        "L2ALD_", "DDOS_", "PFE_", "FLOW_", "VRRPD_", "BGP_", "DOT1XD_", "DCD_", "MIB2D_", "LOGIN_", "JSRPD_", "AUTHD_",
        "DFWD_", "COSD_", "PPMD_", "ALARMD_", "CHASSISM_", "LICENSE_", "NTPD_", "RMOPD_", "WEB_", "IDP_", "AV_", "UTMD_",
    ];

    public string Vendor => VendorName;

    public bool TryNormalize(SyslogRecord record, out NormalizedMessage? result)
    {
        result = null;
        ReadOnlySpan<char> text = record.Message ?? "";
        ReadOnlySpan<char> sd = record.StructuredData;
        ReadOnlySpan<char> tag = IsTag(record.MsgId) ? record.MsgId : default;
        int bodyStart = 0;
        if (tag.IsEmpty) tag = FindTag(text, out bodyStart);
        int junosSd = text.IndexOf("[junos@", StringComparison.Ordinal);
        if (sd.IsEmpty && junosSd >= 0)
        {
            int close = LastUnescaped(text, ']');
            if (close > junosSd) sd = text[junosSd..(close + 1)];
        }
        bool known = !tag.IsEmpty && HasKnownPrefix(tag);
        bool junosData = sd.Contains("junos@", StringComparison.Ordinal);
        bool hinted = string.Equals(record.VendorHint, VendorName, StringComparison.OrdinalIgnoreCase);

        var body = bodyStart < text.Length ? text[bodyStart..].Trim() : default;
        if (junosSd >= 0 && junosSd >= bodyStart) body = text[bodyStart..junosSd].Trim();
        if (known || junosData || (hinted && !tag.IsEmpty))
        {
            result = Map(tag, body, sd, text) ?? new NormalizedMessage
            {
                Vendor = VendorName, Kind = EventKind.Generic, Message = MessageOf(tag, body, text),
                Detail = tag.IsEmpty ? null : "tag=" + tag.ToString(),
            };
            return true;
        }
        if (hinted)
        {
            result = Untagged(text);
            return result is not null;
        }
        return false;
    }

    private static bool HasKnownPrefix(ReadOnlySpan<char> tag)
    {
        foreach (var p in TagPrefixes)
            if (tag.StartsWith(p, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>An all-capitals token with at least one underscore: <c>RT_FLOW_SESSION_DENY</c>.</summary>
    internal static bool IsTag(ReadOnlySpan<char> token)
    {
        if (token.Length < 3 || !TextScan.IsUpper(token[0])) return false;
        bool underscore = false;
        foreach (char c in token)
        {
            if (c == '_') underscore = true;
            else if (!TextScan.IsUpper(c) && !TextScan.IsDigit(c)) return false;
        }
        return underscore && token[^1] != '_';
    }

    /// <summary>
    /// The event tag among the first tokens: <c>rpd[968]: RPD_OSPF_NBRDOWN: …</c>, <c>RT_FLOW: RT_FLOW_SESSION_CLOSE: …</c>,
    /// <c>RT_FLOW - RT_FLOW_SESSION_DENY [junos@…]</c>. When tags follow each other the last one wins.
    /// </summary>
    private static ReadOnlySpan<char> FindTag(ReadOnlySpan<char> text, out int bodyStart)
    {
        bodyStart = 0;
        ReadOnlySpan<char> tag = default;
        int pos = 0;
        for (int n = 0; n < MaxHeaderTokens && pos < text.Length; n++)
        {
            var token = TextScan.Token(text, pos, out int end);
            if (token.IsEmpty) break;
            var bare = token.TrimEnd(':');
            if (IsTag(bare))
            {
                tag = bare;
                bodyStart = end;
            }
            else if (!tag.IsEmpty && !token.SequenceEqual("-")) break;
            pos = end;
        }
        return tag;
    }

    private static int LastUnescaped(ReadOnlySpan<char> text, char c)
    {
        for (int i = text.Length - 1; i >= 0; i--)
            if (text[i] == c && (i == 0 || text[i - 1] != '\\')) return i;
        return -1;
    }

    private static string MessageOf(ReadOnlySpan<char> tag, ReadOnlySpan<char> body, ReadOnlySpan<char> text)
    {
        if (tag.IsEmpty) return TextScan.Clip(text);
        if (body.IsEmpty) return TextScan.Clip(tag);
        return TextScan.Clip(string.Concat(tag, ": ", body));
    }

    private static string? Sd(ReadOnlySpan<char> sd, string name) =>
        StructuredDataParams.TryGet(sd, name, out var v) && !v.IsEmpty ? v.ToString() : null;

    private static NormalizedMessage? Map(ReadOnlySpan<char> tag, ReadOnlySpan<char> body, ReadOnlySpan<char> sd, ReadOnlySpan<char> text)
    {
        string message = MessageOf(tag, body, text);
        var d = new DetailBuilder();
        switch (tag)
        {
            case "SNMP_TRAP_LINK_DOWN" or "SNMP_TRAP_LINK_UP":
            {
                var iface = Sd(sd, "interface-name") ?? NullIfEmpty(TextScan.TrimPunctuation(TextScan.TokenAfter(body, "ifName ")));
                d.Add("ifindex", Sd(sd, "snmp-interface-index") ?? TextScan.TrimPunctuation(TextScan.TokenAfter(body, "ifIndex ")).ToString());
                d.Add("admin", Sd(sd, "admin-status") ?? TextScan.TrimPunctuation(TextScan.TokenAfter(body, "ifAdminStatus ")).ToString());
                d.Add("oper", Sd(sd, "operational-status") ?? TextScan.TrimPunctuation(TextScan.TokenAfter(body, "ifOperStatus ")).ToString());
                var kind = tag.EndsWith("DOWN") ? EventKind.LinkDown : EventKind.LinkUp;
                return Event(kind, message, iface, d.Build());
            }
            case "RPD_BGP_NEIGHBOR_STATE_CHANGED":
                return Bgp(body, sd, message);
            case "RPD_OSPF_NBRUP" or "RPD_OSPF_NBRDOWN":
                return Ospf(tag.EndsWith("DOWN"), body, sd, message);
            case "RT_FLOW_SESSION_CREATE" or "RT_FLOW_SESSION_DENY":
                return Flow(tag.EndsWith("DENY") ? FirewallAction.Deny : FirewallAction.Permit, body, sd, message);
            case "RT_FLOW_SESSION_CLOSE":
                return new NormalizedMessage
                {
                    Vendor = VendorName, Kind = EventKind.Generic, Severity = Severity.Info, Message = message, Redundant = true,
                };
            case "UI_COMMIT" or "UI_COMMIT_COMPLETED":
                d.Add("user", Sd(sd, "username") ?? TextScan.Between(body, "User '", "'").ToString());
                d.Add("stage", tag.SequenceEqual("UI_COMMIT") ? "requested" : "completed");
                d.Add("comment", Sd(sd, "comment") ?? TextScan.Between(body, "(comment: ", ")").ToString());
                return Event(EventKind.ConfigChange, message, null, d.Build());
            case "SSHD_LOGIN_FAILED":
                d.Add("user", Sd(sd, "username") ?? FirstNonEmpty(TextScan.Between(body, "user '", "'"), TextScan.TokenAfter(body, "for user ")));
                d.Add("source", Sd(sd, "source-address") ?? FirstNonEmpty(TextScan.Between(body, "host '", "'"), TextScan.TokenAfter(body, " from ")));
                d.Add("service", "ssh");
                return Event(EventKind.AuthFail, message, null, d.Build());
            case "SNMPD_AUTH_FAILURE":
                d.Add("source", Sd(sd, "source-address") ?? TextScan.TokenAfter(body, " from ").ToString());
                d.Add("service", "snmp");
                return Event(EventKind.AuthFail, message, null, d.Build());
            case "LOGIN_FAILED" or "LOGIN_PAM_AUTHENTICATION_ERROR":
                d.Add("user", Sd(sd, "username") ?? TextScan.Between(body, "for ", " from").ToString());
                d.Add("source", Sd(sd, "source-address") ?? TextScan.TrimPunctuation(TextScan.TokenAfter(body, " from ")).ToString());
                return Event(EventKind.AuthFail, message, null, d.Build());
            case "UI_LOGIN_EVENT":
            {
                d.Add("user", Sd(sd, "username") ?? TextScan.Between(body, "User '", "'").ToString());
                var conn = TextScan.Between(body, "-connection '", "'");
                d.Add("source", Sd(sd, "remote-address") ?? TextScan.Token(conn, 0).ToString());
                d.Add("class", TextScan.Between(body, "class '", "'"));
                return Event(EventKind.AuthSuccess, message, null, d.Build());
            }
            case "VRRPD_NEW_MASTER" or "VRRPD_NEW_BACKUP":
            {
                // Documented: "Interface ge-0/0/1.0 (local address 10.0.0.2) became VRRP master for group 1 with master reason …"
                var iface = Sd(sd, "interface-name") ?? NullIfEmpty(TextScan.TokenAfter(body, "Interface "));
                d.Add("group", Sd(sd, "group-id") ?? TextScan.TokenAfter(body, "for group ").ToString());
                d.Add("local", TextScan.Between(body, "(local address ", ")"));
                d.Add("reason", TextScan.IndexAfter(body, " reason ") is var r and >= 0 ? body[r..] : default);
                return Event(tag.EndsWith("MASTER") ? EventKind.VrrpMaster : EventKind.VrrpBackup, message, iface, d.Build());
            }
            case "KMD_VPN_UP_ALARM_USER" or "KMD_VPN_DOWN_ALARM_USER":
            {
                // Documented: "VPN vpn-name from remote-address is down. Local-ip: …, gateway name: …, … local tunnel-if: st0.1, …"
                d.Add("vpn", Sd(sd, "vpn-name") ?? TextScan.TokenAfter(body, "VPN ").ToString());
                d.Add("remote", Sd(sd, "remote-address") ?? TextScan.TokenAfter(body, " from ").ToString());
                var iface = Sd(sd, "tunnel-if") ?? NullIfEmpty(TextScan.TrimPunctuation(TextScan.TokenAfter(body, "tunnel-if: ")));
                return Event(tag.Contains("_DOWN_", StringComparison.Ordinal) ? EventKind.TunnelDown : EventKind.TunnelUp, message, iface, d.Build());
            }
            default:
                return null;
        }
    }

    private static string? NullIfEmpty(ReadOnlySpan<char> s) => s.IsEmpty ? null : s.ToString();

    private static ReadOnlySpan<char> FirstNonEmpty(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => a.IsEmpty ? b : a;

    private static NormalizedMessage Event(EventKind kind, string message, string? iface, string? detail) =>
        new() { Vendor = VendorName, Kind = kind, Message = message, Interface = iface, Detail = detail };

    // "BGP peer 10.0.0.1 (External AS 65001) changed state from Established to Idle (event HoldTime) (instance master)"
    private static NormalizedMessage Bgp(ReadOnlySpan<char> body, ReadOnlySpan<char> sd, string message)
    {
        var d = new DetailBuilder();
        string? from = Sd(sd, "old-state"), to = Sd(sd, "new-state");
        var peer = Sd(sd, "peer-name") is { } pn ? TextScan.Token(pn, 0) : TextScan.TokenAfter(body, "BGP peer ");
        d.Add("peer", peer);
        d.Add("as", TextScan.Between(body, " AS ", ")"));
        int fromAt = TextScan.IndexAfter(body, "changed state from ");
        int toAt = fromAt < 0 ? -1 : TextScan.IndexAfter(body, " to ", fromAt);
        ReadOnlySpan<char> f = from ?? TextScan.Token(body, fromAt);
        ReadOnlySpan<char> t = to ?? TextScan.Token(body, toAt);
        d.Add("from", f);
        d.Add("to", t);
        d.Add("event", Sd(sd, "event-name") ?? TextScan.Between(body, "(event ", ")").ToString());
        d.Add("instance", Sd(sd, "instance") ?? TextScan.Between(body, "(instance ", ")").ToString());
        // Leaving Established loses the routes; reaching it brings them. Steps between the other states are churn.
        var kind = f.Equals("Established", StringComparison.OrdinalIgnoreCase) ? EventKind.BgpDown
            : t.Equals("Established", StringComparison.OrdinalIgnoreCase) ? EventKind.BgpUp
            : EventKind.Generic;
        return Event(kind, message, null, d.Build());
    }

    // "OSPF neighbor 1.1.1.1 (realm ospf-v2 ge-0/0/0.0 area 0.0.0.0) state changed from Full to Down due to InActiveTimer (event reason: …)"
    private static NormalizedMessage Ospf(bool down, ReadOnlySpan<char> body, ReadOnlySpan<char> sd, string message)
    {
        var d = new DetailBuilder();
        d.Add("neighbor", Sd(sd, "neighbor-address") ?? TextScan.TokenAfter(body, "OSPF neighbor ").ToString());
        var realm = TextScan.Between(body, "(realm ", ")");
        TextScan.Token(realm, 0, out int afterProtocol); // "ospf-v2", then the interface
        var iface = Sd(sd, "interface-name") ?? NullIfEmpty(TextScan.Token(realm, afterProtocol));
        d.Add("area", TextScan.TokenAfter(realm, "area "));
        var from = Sd(sd, "old-state") ?? TextScan.TokenAfter(body, "state changed from ").ToString();
        int fromAt = TextScan.IndexAfter(body, "state changed from ");
        var to = Sd(sd, "new-state") ?? (fromAt < 0 ? "" : TextScan.TrimPunctuation(TextScan.Token(body, TextScan.IndexAfter(body, " to ", fromAt))).ToString());
        d.Add("from", from);
        d.Add("to", to);
        d.Add("reason", TextScan.TokenAfter(body, " due to "));
        var kind = down ? EventKind.OspfDown : to.Equals("Full", StringComparison.OrdinalIgnoreCase) ? EventKind.OspfUp : EventKind.Generic;
        return Event(kind, message, iface, d.Build());
    }

    // BSD: "session created 172.16.0.1/23456->8.8.8.8/443 junos-https 172.16.0.2/12345->8.8.8.8/443 source rule …"
    // "session denied 10.0.0.1/54924->192.168.1.1/53 junos-dns-udp 17(0) default-deny(global) trust trust … ge-0/0/0.0 …"
    private static NormalizedMessage Flow(FirewallAction action, ReadOnlySpan<char> body, ReadOnlySpan<char> sd, string message)
    {
        var d = new DetailBuilder();
        string? iface = Sd(sd, "packet-incoming-interface");
        if (StructuredDataParams.TryGet(sd, "source-address", out var src))
        {
            d.Add("src", src);
            d.Add("sport", Sd(sd, "source-port"));
            d.Add("dst", Sd(sd, "destination-address"));
            d.Add("dport", Sd(sd, "destination-port"));
            d.Add("service", Sd(sd, "service-name"));
            d.Add("policy", Sd(sd, "policy-name"));
        }
        else
        {
            int verb = TextScan.IndexAfter(body, "session ");
            TextScan.Token(body, verb < 0 ? 0 : verb, out int end); // "created" / "denied"
            var flow = TextScan.Token(body, end, out end);
            int arrow = flow.IndexOf("->");
            if (arrow > 0)
            {
                AddSlashEndpoint(ref d, "src", "sport", flow[..arrow]);
                AddSlashEndpoint(ref d, "dst", "dport", flow[(arrow + 2)..]);
            }
            d.Add("service", TextScan.Token(body, end));
            // The ingress interface is the only token shaped like a Junos unit name (ge-0/0/0.0, reth2.605).
            var rest = body[end..];
            int p = 0;
            while (p < rest.Length && iface is null)
            {
                var t = TextScan.Token(rest, p, out int next);
                if (t.IsEmpty) break;
                if (t.Contains('.') && t.Contains('-') && t.Contains('/') && !t.Contains("->", StringComparison.Ordinal) && char.IsLower(t[0]))
                    iface = t.ToString();
                p = next;
            }
        }
        return new NormalizedMessage
        {
            Type = NormalizedType.Firewall, Vendor = VendorName, Action = action, Interface = iface, Message = message, Detail = d.Build(),
        };
    }

    private static void AddSlashEndpoint(ref DetailBuilder d, string addressKey, string portKey, ReadOnlySpan<char> endpoint)
    {
        int slash = endpoint.LastIndexOf('/');
        if (slash > 0)
        {
            d.Add(addressKey, endpoint[..slash]);
            d.Add(portKey, endpoint[(slash + 1)..]);
        }
        else d.Add(addressKey, endpoint);
    }

    /// <summary>Untagged lines from a known Juniper device: sshd and login(1) failures.</summary>
    private static NormalizedMessage? Untagged(ReadOnlySpan<char> text)
    {
        var d = new DetailBuilder();
        int failed = TextScan.IndexAfter(text, "Failed password for ");
        if (failed >= 0)
        {
            var user = TextScan.Token(text, failed, out int end);
            if (user.SequenceEqual("invalid") && TextScan.Token(text, end, out int e2).SequenceEqual("user")) user = TextScan.Token(text, e2);
            d.Add("user", user);
            d.Add("source", TextScan.TokenAfter(text[failed..], " from "));
            d.Add("service", "ssh");
            return Event(EventKind.AuthFail, TextScan.Clip(text[(failed - "Failed password for ".Length)..]), null, d.Build());
        }
        int login = TextScan.IndexAfter(text, "LOGIN FAILURE");
        if (login >= 0)
        {
            d.Add("source", TextScan.TokenAfter(text[login..], "FROM "));
            d.Add("user", TextScan.TokenAfter(text[login..], " ON "));
            return Event(EventKind.AuthFail, TextScan.Clip(text), null, d.Build());
        }
        return null;
    }
}
