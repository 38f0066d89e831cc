using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>
/// Yamaha RTX routers. No public sample logs exist (see the syslog data INDEX), so the forms below are the ones
/// Yamaha documents for RTX filters, the stateful inspection log, interfaces, PPP, tunnels, logins and VRRP.
/// RTX sends no timestamp or hostname after <c>&lt;PRI&gt;</c>; some captures put <c>yyyy/mm/dd hh:mm:ss: </c>
/// in front, which is skipped. <c>Login …</c> and <c>Configuration saved</c> are generic enough that they are
/// taken only from a device the inventory says is Yamaha.
/// </summary>
public sealed class YamahaRtxNormalizer : IVendorNormalizer
{
    public const string VendorName = "yamaha";

    public string Vendor => VendorName;

    public bool TryNormalize(SyslogRecord record, out NormalizedMessage? result)
    {
        ReadOnlySpan<char> text = (record.Message ?? "").AsSpan().Trim();
        text = SkipDate(text);
        bool hinted = string.Equals(record.VendorHint, VendorName, StringComparison.OrdinalIgnoreCase);
        result = Filter(text) ?? Inspect(text) ?? InterfaceEvent(text) ?? Tunnel(text) ?? Vrrp(text) ?? Login(text, hinted);
        if (result is null && hinted && text.StartsWith("Configuration saved", StringComparison.Ordinal))
            result = Event(EventKind.ConfigChange, text, null, null);
        return result is not null;
    }

    /// <summary>Skips a leading <c>2015/04/24 13:29:47: </c>.</summary>
    private static ReadOnlySpan<char> SkipDate(ReadOnlySpan<char> text)
    {
        if (text.Length > 20 && TextScan.IsDigit(text[0]) && text[4] == '/' && text[7] == '/' && text[10] == ' ' && text[13] == ':' && text[19] == ':')
            return text[20..].TrimStart();
        return text;
    }

    private static NormalizedMessage Event(EventKind kind, ReadOnlySpan<char> text, string? iface, string? detail) =>
        new() { Vendor = VendorName, Kind = kind, Interface = iface, Message = TextScan.Clip(text), Detail = detail };

    // "PP[01] Rejected at IN(2000) filter: TCP 192.0.2.1:40980 > 198.51.100.2:80"; "LAN2 Passed at OUT(default) filter: UDP …"
    private static NormalizedMessage? Filter(ReadOnlySpan<char> text)
    {
        int at = text.IndexOf(" at ", StringComparison.Ordinal);
        int colon = text.IndexOf(" filter:", StringComparison.Ordinal);
        if (at <= 0 || colon < at) return null;
        var head = text[..at];
        int space = head.LastIndexOf(' ');
        var verb = head[(space + 1)..];
        FirewallAction action;
        if (verb.SequenceEqual("Rejected")) action = FirewallAction.Deny;
        else if (verb.SequenceEqual("Passed")) action = FirewallAction.Permit;
        else return null;
        if (space <= 0) return null;
        var iface = head[..space].Trim();
        var where = text[(at + 4)..colon].Trim(); // IN(2000)
        var d = new DetailBuilder();
        int paren = where.IndexOf('(');
        d.Add("dir", paren > 0 ? where[..paren] : where);
        d.Add("filter", paren > 0 ? where[(paren + 1)..].TrimEnd(')') : default);
        AddFlow(ref d, text[(colon + 8)..]);
        return new NormalizedMessage
        {
            Type = NormalizedType.Firewall, Vendor = VendorName, Action = action, Interface = iface.ToString(),
            Message = TextScan.Clip(text), Detail = d.Build(),
        };
    }

    // "[INSPECT] LAN2[out][200102] TCP 192.0.2.1:40980 > 198.51.100.2:80 (2012/06/19 10:10:44)"
    private static NormalizedMessage? Inspect(ReadOnlySpan<char> text)
    {
        int i = TextScan.IndexAfter(text, "[INSPECT]");
        if (i < 0) return null;
        var where = TextScan.Token(text, i, out int end);
        int b1 = where.IndexOf('[');
        var d = new DetailBuilder();
        string? iface = null;
        if (b1 > 0)
        {
            iface = where[..b1].ToString();
            // PP[01][out][101]: the interface itself may carry brackets.
            var rest = where[b1..];
            if (where[..b1] is "PP" or "TUNNEL" && rest.IndexOf(']') is var c and > 0)
            {
                iface = where[..(b1 + c + 1)].ToString();
                rest = rest[(c + 1)..];
            }
            var parts = rest.Trim('[').TrimEnd(']');
            int mid = parts.IndexOf("][", StringComparison.Ordinal);
            d.Add("dir", mid > 0 ? parts[..mid] : parts);
            d.Add("filter", mid > 0 ? parts[(mid + 2)..] : default);
        }
        AddFlow(ref d, text[end..]);
        return new NormalizedMessage
        {
            Type = NormalizedType.Firewall, Vendor = VendorName, Action = FirewallAction.Permit, Interface = iface,
            Message = TextScan.Clip(text), Detail = d.Build(),
        };
    }

    /// <summary>"TCP 192.0.2.1:40980 > 198.51.100.2:80 …" into proto, src, sport, dst, dport.</summary>
    private static void AddFlow(ref DetailBuilder d, ReadOnlySpan<char> flow)
    {
        var proto = TextScan.Token(flow, 0, out int end);
        d.Add("proto", proto);
        var src = TextScan.Token(flow, end, out end);
        var gt = TextScan.Token(flow, end, out end);
        AddEndpoint(ref d, "src", "sport", src);
        if (gt.SequenceEqual(">")) AddEndpoint(ref d, "dst", "dport", TextScan.Token(flow, end));
    }

    private static void AddEndpoint(ref DetailBuilder d, string addressKey, string portKey, ReadOnlySpan<char> endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        // IPv4 "a.b.c.d:port"; an IPv6 address has more colons and is kept whole.
        if (colon > 0 && endpoint[..colon].IndexOf(':') < 0)
        {
            d.Add(addressKey, endpoint[..colon]);
            d.Add(portKey, endpoint[(colon + 1)..]);
        }
        else d.Add(addressKey, endpoint);
    }

    // "LAN2: link down", "LAN1: PHY link up (1000BASE-T Full Duplex)", "PP[01] PPP/IPCP up  (Local: …)", "PP[01] Disconnected"
    private static NormalizedMessage? InterfaceEvent(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("LAN", StringComparison.Ordinal))
        {
            int colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 4 || colon > 8) return null;
            var rest = text[(colon + 2)..];
            if (rest.StartsWith("PHY ", StringComparison.Ordinal)) rest = rest[4..];
            EventKind kind;
            if (rest.StartsWith("link down", StringComparison.Ordinal)) kind = EventKind.LinkDown;
            else if (rest.StartsWith("link up", StringComparison.Ordinal)) kind = EventKind.LinkUp;
            else return null;
            return Event(kind, text, text[..colon].ToString(), null);
        }
        if (text.StartsWith("PP[", StringComparison.Ordinal))
        {
            int close = text.IndexOf(']');
            if (close < 0) return null;
            var iface = text[..(close + 1)].ToString();
            var rest = text[(close + 1)..].TrimStart();
            var d = new DetailBuilder();
            if (rest.StartsWith("PPP/IPCP up", StringComparison.Ordinal))
            {
                d.Add("local", TextScan.TrimPunctuation(TextScan.TokenAfter(rest, "Local: ")));
                d.Add("remote", TextScan.TrimPunctuation(TextScan.TokenAfter(rest, "Remote: ")).TrimEnd(')'));
                return Event(EventKind.LinkUp, text, iface, d.Build());
            }
            if (rest.StartsWith("PPP/IPCP down", StringComparison.Ordinal) || rest.StartsWith("Disconnected", StringComparison.Ordinal))
            {
                d.Add("cause", TextScan.Between(rest, "cause [", "]"));
                return Event(EventKind.LinkDown, text, iface, d.Build());
            }
        }
        return null;
    }

    // "TUNNEL[1] Connected", "TUNNEL[1] Disconnected", "IP Tunnel[1] Up", "IP Tunnel[1] Down", "[IKE] SA[1] established"
    private static NormalizedMessage? Tunnel(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> rest;
        int number;
        if (text.StartsWith("TUNNEL[", StringComparison.Ordinal)) number = 7;
        else if (text.StartsWith("IP Tunnel[", StringComparison.Ordinal)) number = 10;
        else if (text.StartsWith("[IKE] SA[", StringComparison.Ordinal)) number = 9;
        else return null;
        int close = text[number..].IndexOf(']');
        if (close <= 0) return null;
        var id = text.Slice(number, close);
        rest = text[(number + close + 1)..].Trim();
        EventKind kind;
        if (rest.StartsWith("Connected", StringComparison.Ordinal) || rest.StartsWith("Up", StringComparison.Ordinal)
            || rest.StartsWith("established", StringComparison.OrdinalIgnoreCase)) kind = EventKind.TunnelUp;
        else if (rest.StartsWith("Disconnected", StringComparison.Ordinal) || rest.StartsWith("Down", StringComparison.Ordinal))
            kind = EventKind.TunnelDown;
        else return null;
        var d = new DetailBuilder();
        string? iface = null;
        if (number == 9) d.Add("sa", id);
        else iface = string.Concat("TUNNEL[", id, "]");
        return Event(kind, text, iface, d.Build());
    }

    // "[VRRP] LAN1 VRID 1: state changed to master"
    private static NormalizedMessage? Vrrp(ReadOnlySpan<char> text)
    {
        int i = TextScan.IndexAfter(text, "[VRRP]");
        if (i < 0) return null;
        var iface = TextScan.Token(text, i, out int end);
        int to = TextScan.IndexAfter(text, "to ", end);
        if (iface.IsEmpty || to < 0) return null;
        var state = TextScan.TrimPunctuation(TextScan.Token(text, to));
        EventKind kind;
        if (state.Equals("master", StringComparison.OrdinalIgnoreCase)) kind = EventKind.VrrpMaster;
        else if (state.Equals("backup", StringComparison.OrdinalIgnoreCase) || state.Equals("init", StringComparison.OrdinalIgnoreCase))
            kind = EventKind.VrrpBackup;
        else return null;
        var d = new DetailBuilder();
        d.Add("group", TextScan.TrimPunctuation(TextScan.TokenAfter(text, "VRID ")));
        d.Add("to", state);
        return Event(kind, text, iface.ToString(), d.Build());
    }

    // "Login succeeded for TELNET: 192.0.2.1", "Login failed for SSH: 192.0.2.1", "'administrator' succeeded for TELNET: 192.0.2.1"
    private static NormalizedMessage? Login(ReadOnlySpan<char> text, bool hinted)
    {
        bool admin = text.StartsWith("'administrator' ", StringComparison.Ordinal);
        if (!admin && !text.StartsWith("Login ", StringComparison.Ordinal)) return null;
        int forAt = TextScan.IndexAfter(text, " for ");
        if (forAt < 0) return null;
        var service = TextScan.Token(text, forAt, out int end);
        // Without the inventory's word, insist on RTX's "for SERVICE: address" shape.
        if (!hinted && !service.EndsWith(":")) return null;
        EventKind kind;
        if (text.Contains(" succeeded ", StringComparison.Ordinal)) kind = EventKind.AuthSuccess;
        else if (text.Contains(" failed ", StringComparison.Ordinal)) kind = EventKind.AuthFail;
        else return null;
        var d = new DetailBuilder();
        if (admin) d.Add("user", "administrator");
        d.Add("service", service.TrimEnd(':'));
        d.Add("source", TextScan.Token(text, end));
        return Event(kind, text, null, d.Build());
    }
}
