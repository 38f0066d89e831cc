using System.Globalization;

namespace NetOps.Simulator;

/// <summary>
/// Cisco IOS syslog lines as a router with <c>service timestamps log datetime msec localtime show-timezone</c> and
/// <c>service sequence-numbers</c> sends them: <c>&lt;187&gt;Nov 23 17:05:01 352012-rt1 123: Nov 23 17:05:01.123 JST: %LINK-3-UPDOWN: …</c>.
/// </summary>
public static class CiscoIosMessages
{
    private const int Local7 = 23;

    /// <summary>Cisco's short interface name in VRRP messages (<c>GigabitEthernet0/2</c> → <c>Gi0/2</c>).</summary>
    public const string LanInterface = "Gi0/2";

    public static string Format(SimulatedDevice device, DateTimeOffset t, int severity, string mnemonic, string text) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<{Local7 * 8 + severity}>{SyslogClock.Bsd(t)} {device.Name} {device.NextSequence()}: {SyslogClock.Bsd(t)}.{t.Millisecond:D3} {SyslogClock.ZoneName(t)}: %{mnemonic}: {text}");

    public static string LinkUpDown(SimulatedDevice device, DateTimeOffset t, string ifname, bool up) =>
        Format(device, t, 3, "LINK-3-UPDOWN", $"Interface {ifname}, changed state to {(up ? "up" : "down")}");

    public static string LineProtocol(SimulatedDevice device, DateTimeOffset t, string ifname, bool up) =>
        Format(device, t, 5, "LINEPROTO-5-UPDOWN", $"Line protocol on Interface {ifname}, changed state to {(up ? "up" : "down")}");

    public static string BgpAdjacency(SimulatedDevice device, DateTimeOffset t, string neighbor, bool up) =>
        Format(device, t, 5, "BGP-5-ADJCHANGE", up ? $"neighbor {neighbor} Up" : $"neighbor {neighbor} Down Interface flap");

    public static string VrrpState(SimulatedDevice device, DateTimeOffset t, string from, string to) =>
        Format(device, t, 6, "VRRP-6-STATECHANGE", $"{LanInterface} Grp 1 state {from} -> {to}");

    public static string LoginFailed(SimulatedDevice device, DateTimeOffset t, string user, string source) =>
        Format(device, t, 4, "SEC_LOGIN-4-LOGIN_FAILED", string.Create(CultureInfo.InvariantCulture,
            $"Login failed [user: {user}] [Source: {source}] [localport: 22] [Reason: Login Authentication Failed] at {t:HH:mm:ss} {SyslogClock.ZoneName(t)} {t:ddd MMM d yyyy}"));

    public static string ConfigChange(SimulatedDevice device, DateTimeOffset t, string user, string source) =>
        Format(device, t, 5, "SYS-5-CONFIG_I", $"Configured from console by {user} on vty0 ({source})");

    public static string AccessList(SimulatedDevice device, DateTimeOffset t, bool permitted, string proto,
        string src, int srcPort, string dst, int dstPort, int packets) =>
        Format(device, t, 6, "SEC-6-IPACCESSLOGP", string.Create(CultureInfo.InvariantCulture,
            $"list {(permitted ? 110 : 120)} {(permitted ? "permitted" : "denied")} {proto} {src}({srcPort}) -> {dst}({dstPort}), {packets} packet{(packets == 1 ? "" : "s")}"));
}
