using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>
/// FortiGate (FortiOS 4 to 7) <c>key=value</c> logs. Traffic denies are the bulk of all syslog volume, so the
/// traffic path is one pass over the text with no dictionary and no regular expression; it allocates the
/// result and the device name only.
/// </summary>
/// <remarks>
/// Session counting: FortiOS writes one traffic log when a session ends (<c>close</c>, <c>timeout</c>,
/// <c>client-rst</c>, …) or is denied, and with <c>logtraffic-start</c> also one when it starts. Only the
/// end and deny logs are counted; a <c>start</c> log is a <see cref="NormalizedMessage.Redundant"/> event, so a
/// session is never counted twice. UTM logs whose action lets the traffic through (<c>pass</c>,
/// <c>passthrough</c>, …) are recognised as generic events, not threats.
/// </remarks>
public sealed class FortiGateNormalizer : IVendorNormalizer
{
    public const string VendorName = "fortigate";

    public string Vendor => VendorName;

    public bool TryNormalize(SyslogRecord record, out NormalizedMessage? result)
    {
        result = null;
        ReadOnlySpan<char> text = record.Message;
        // Cheap detection: every FortiOS log has logid= (log_id= in FortiOS 4) and type=.
        if (text.IndexOf("type=", StringComparison.Ordinal) < 0) return false;
        if (text.IndexOf("logid=", StringComparison.Ordinal) < 0 && text.IndexOf("log_id=", StringComparison.Ordinal) < 0) return false;

        var f = new Fields();
        var scan = new KeyValueScanner(text);
        while (scan.MoveNext())
        {
            f.Set(scan.Key, scan.Value);
            // Hot path: FortiOS writes devname before type and action; a traffic log needs nothing after its action.
            if (!f.Action.IsEmpty && f.Type.SequenceEqual("traffic")) break;
        }
        if (f.Type.IsEmpty) return false;

        result = f.Type.SequenceEqual("traffic") ? Traffic(ref f) : Other(ref f);
        return true;
    }

    private static string? Name(ReadOnlySpan<char> value) => value.IsEmpty ? null : value.ToString();

    private static NormalizedMessage Traffic(ref Fields f)
    {
        var action = f.Action.IsEmpty ? f.Status : f.Action;
        if (IsDeny(action)) return Firewall(ref f, FirewallAction.Deny);
        if (action.SequenceEqual("start"))
            return new NormalizedMessage
            {
                Vendor = VendorName, Kind = EventKind.Generic, Severity = Severity.Info, DeviceName = Name(f.DevName),
                Message = "traffic session start", Redundant = true,
            };
        if (IsPermit(action)) return Firewall(ref f, FirewallAction.Permit);
        return Event(ref f, EventKind.Generic, default);
    }

    private static NormalizedMessage Firewall(ref Fields f, FirewallAction action) => new()
    {
        Type = NormalizedType.Firewall, Vendor = VendorName, Action = action, DeviceName = Name(f.DevName),
    };

    private static bool IsDeny(ReadOnlySpan<char> a) =>
        a.SequenceEqual("deny") || a.SequenceEqual("blocked") || a.SequenceEqual("block") || a.SequenceEqual("drop")
        || a.SequenceEqual("dropped");

    private static bool IsPermit(ReadOnlySpan<char> a) =>
        a.SequenceEqual("accept") || a.SequenceEqual("close") || a.SequenceEqual("timeout") || a.SequenceEqual("client-rst")
        || a.SequenceEqual("server-rst") || a.SequenceEqual("ip-conn") || a.SequenceEqual("allow") || a.SequenceEqual("pass");

    private static NormalizedMessage Other(ref Fields f)
    {
        var d = new DetailBuilder();
        EventKind kind = EventKind.Generic;
        string? iface = null;
        var action = f.Action.IsEmpty ? f.Status : f.Action;
        if (f.Type.SequenceEqual("event"))
        {
            if (f.SubType.SequenceEqual("system")) kind = SystemEvent(ref f, ref d, ref iface);
            else if (f.SubType.SequenceEqual("vpn")) kind = VpnEvent(ref f, ref d);
            else if (f.SubType.SequenceEqual("ha"))
            {
                kind = EventKind.HaChange;
                d.Add("cluster", f.VCluster);
                d.Add("group", f.HaGroup);
                d.Add("sn", f.Sn);
            }
            else if (IsLinkDescription(f.LogDesc)) kind = LinkEvent(ref f, ref d, ref iface);
        }
        else if (f.Type.SequenceEqual("utm") || f.Type.SequenceEqual("anomaly") || f.Type.SequenceEqual("ips")
                 || f.Type.SequenceEqual("virus") || f.Type.SequenceEqual("webfilter") || f.Type.SequenceEqual("attack"))
        {
            bool passed = action.SequenceEqual("pass") || action.SequenceEqual("passthrough") || action.SequenceEqual("allow")
                          || action.SequenceEqual("accept") || action.SequenceEqual("monitored");
            kind = passed ? EventKind.Generic : EventKind.Threat;
            d.Add("subtype", f.SubType);
            var attack = !f.Attack.IsEmpty ? f.Attack : !f.Virus.IsEmpty ? f.Virus : !f.App.IsEmpty ? f.App : f.Hostname;
            d.Add("attack", attack);
            d.Add("srcip", f.SrcIp.IsEmpty ? f.Src : f.SrcIp);
            d.Add("dstip", f.DstIp.IsEmpty ? f.Dst : f.DstIp);
            d.Add("action", action);
        }
        return Event(ref f, kind, d, iface);
    }

    private static EventKind SystemEvent(ref Fields f, ref DetailBuilder d, ref string? iface)
    {
        var desc = f.LogDesc;
        if (desc.Equals("Admin login failed", StringComparison.OrdinalIgnoreCase)
            || (f.Action.SequenceEqual("login") && f.Status.SequenceEqual("failed")))
        {
            AddLogin(ref f, ref d);
            return EventKind.AuthFail;
        }
        if (desc.Equals("Admin login successful", StringComparison.OrdinalIgnoreCase)
            || (f.Action.SequenceEqual("login") && f.Status.SequenceEqual("success")))
        {
            AddLogin(ref f, ref d);
            return EventKind.AuthSuccess;
        }
        if (desc.Contains("configured", StringComparison.OrdinalIgnoreCase) || desc.Equals("Configuration changed", StringComparison.OrdinalIgnoreCase))
        {
            d.Add("user", f.User);
            d.Add("ui", f.Ui);
            d.Add("action", f.Action);
            d.Add("cfgpath", f.CfgPath);
            d.Add("cfgobj", f.CfgObj);
            return EventKind.ConfigChange;
        }
        if (IsLinkDescription(desc)) return LinkEvent(ref f, ref d, ref iface);
        return EventKind.Generic;
    }

    private static void AddLogin(ref Fields f, ref DetailBuilder d)
    {
        d.Add("user", f.User);
        d.Add("ui", f.Ui);
        // ui=https(4.3.5.253): the address in parentheses is where the admin came from.
        int open = f.Ui.IndexOf('(');
        var source = !f.SrcIp.IsEmpty ? f.SrcIp : open >= 0 && f.Ui.EndsWith(")") ? f.Ui[(open + 1)..^1] : default;
        d.Add("srcip", source);
        d.Add("reason", f.Reason);
    }

    private static EventKind VpnEvent(ref Fields f, ref DetailBuilder d)
    {
        var a = f.Action;
        EventKind kind = EventKind.Generic;
        if (a.SequenceEqual("ssl-login-fail")) kind = EventKind.AuthFail;
        else if (a.EndsWith("-up") || a.SequenceEqual("tunnel-up")) kind = EventKind.TunnelUp;
        else if (a.EndsWith("-down") || a.SequenceEqual("tunnel-down")) kind = EventKind.TunnelDown;
        else if (a.SequenceEqual("dpd") && (f.Status.Contains("fail", StringComparison.Ordinal)
                 || f.LogDesc.Contains("DPD failed", StringComparison.OrdinalIgnoreCase))) kind = EventKind.TunnelDown;
        d.Add("tunnel", f.VpnTunnel.IsEmpty ? f.TunnelType : f.VpnTunnel);
        d.Add("user", f.User is "N/A" ? default : f.User);
        d.Add("remip", f.RemIp);
        d.Add("reason", f.Reason is "N/A" ? default : f.Reason);
        d.Add("action", a);
        return kind;
    }

    private static bool IsLinkDescription(ReadOnlySpan<char> desc) =>
        desc.StartsWith("Link monitor", StringComparison.OrdinalIgnoreCase)
        || desc.StartsWith("Interface status", StringComparison.OrdinalIgnoreCase);

    private static EventKind LinkEvent(ref Fields f, ref DetailBuilder d, ref string? iface)
    {
        var state = !f.Status.IsEmpty ? f.Status : f.Msg;
        var name = !f.Interface.IsEmpty ? f.Interface : TextScan.TrimPunctuation(TextScan.TokenAfter(f.Msg, "Interface ", StringComparison.OrdinalIgnoreCase));
        iface = Name(name);
        d.Add("state", f.Status);
        if (state.Contains("down", StringComparison.OrdinalIgnoreCase) || state.Contains("dead", StringComparison.OrdinalIgnoreCase)) return EventKind.LinkDown;
        if (state.Contains("up", StringComparison.OrdinalIgnoreCase) || state.Contains("alive", StringComparison.OrdinalIgnoreCase)) return EventKind.LinkUp;
        return EventKind.Generic;
    }

    private static NormalizedMessage Event(ref Fields f, EventKind kind, DetailBuilder d, string? iface = null)
    {
        var text = !f.Msg.IsEmpty ? f.Msg : !f.LogDesc.IsEmpty ? f.LogDesc : f.Type;
        return new NormalizedMessage
        {
            Vendor = VendorName, Kind = kind, Severity = TextScan.SeverityFromWord(f.Level.IsEmpty ? f.Pri : f.Level),
            DeviceName = Name(f.DevName), Interface = iface, Message = TextScan.Clip(text), Detail = d.Build(),
        };
    }

    /// <summary>The fields NetOps reads, as spans into the line.</summary>
    private ref struct Fields
    {
        public ReadOnlySpan<char> Type, SubType, Action, Status, DevName, Level, Pri, LogDesc, Msg, User, Ui, SrcIp, DstIp,
            Src, Dst, CfgPath, CfgObj, Attack, Virus, App, Hostname, Reason, RemIp, VpnTunnel, TunnelType, VCluster, HaGroup,
            Sn, Interface;

        public void Set(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
        {
            // Dispatch on length first: most keys are skipped after one comparison.
            switch (key.Length)
            {
                case 2: if (key.SequenceEqual("ui")) Ui = value; else if (key.SequenceEqual("sn")) Sn = value; break;
                case 3:
                    if (key.SequenceEqual("msg")) Msg = value;
                    else if (key.SequenceEqual("src")) Src = value;
                    else if (key.SequenceEqual("dst")) Dst = value;
                    else if (key.SequenceEqual("pri")) Pri = value;
                    else if (key.SequenceEqual("app")) App = value;
                    break;
                case 4:
                    if (key.SequenceEqual("type")) { if (Type.IsEmpty) Type = value; }
                    else if (key.SequenceEqual("user")) User = value;
                    break;
                case 5:
                    if (key.SequenceEqual("level")) Level = value;
                    else if (key.SequenceEqual("srcip")) SrcIp = value;
                    else if (key.SequenceEqual("dstip")) DstIp = value;
                    else if (key.SequenceEqual("remip")) RemIp = value;
                    else if (key.SequenceEqual("virus")) Virus = value;
                    break;
                case 6:
                    if (key.SequenceEqual("action")) Action = value;
                    else if (key.SequenceEqual("status")) Status = value;
                    else if (key.SequenceEqual("attack")) Attack = value;
                    else if (key.SequenceEqual("reason")) Reason = value;
                    else if (key.SequenceEqual("cfgobj")) CfgObj = value;
                    break;
                case 7:
                    if (key.SequenceEqual("subtype")) SubType = value;
                    else if (key.SequenceEqual("devname")) DevName = value;
                    else if (key.SequenceEqual("logdesc")) LogDesc = value;
                    else if (key.SequenceEqual("cfgpath")) CfgPath = value;
                    break;
                case 8:
                    if (key.SequenceEqual("hostname")) Hostname = value;
                    else if (key.SequenceEqual("ha_group")) HaGroup = value;
                    else if (key.SequenceEqual("vcluster")) VCluster = value;
                    break;
                case 9:
                    if (key.SequenceEqual("vpntunnel")) VpnTunnel = value;
                    else if (key.SequenceEqual("interface")) Interface = value;
                    break;
                case 10:
                    if (key.SequenceEqual("tunneltype")) TunnelType = value;
                    break;
            }
        }
    }
}
