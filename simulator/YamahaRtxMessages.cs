using System.Globalization;

namespace NetOps.Simulator;

/// <summary>
/// Yamaha RTX syslog lines: the router sends neither a timestamp nor a hostname, only <c>&lt;PRI&gt;</c> and the text
/// (<c>&lt;30&gt;PP[01] Rejected at IN(2000) filter: TCP 203.0.113.5:51234 &gt; 10.35.1.10:445</c>).
/// </summary>
public static class YamahaRtxMessages
{
    // syslog facility daemon (3), info
    private const string Pri = "<30>";

    public static string Filter(bool passed, bool inbound, int filter, string proto, string src, int srcPort, string dst, int dstPort) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Pri}PP[01] {(passed ? "Passed" : "Rejected")} at {(inbound ? "IN" : "OUT")}({filter}) filter: {proto} {src}:{srcPort} > {dst}:{dstPort}");

    public static string Link(string ifname, bool up) => $"{Pri}{ifname}: link {(up ? "up" : "down")}";

    public static string Vrrp(bool master) => $"{Pri}[VRRP] LAN1 VRID 1: state changed to {(master ? "master" : "backup")}";

    public static string LoginFailed(string source) => $"{Pri}Login failed for SSH: {source}";
}
