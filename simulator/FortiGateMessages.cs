using System.Globalization;

namespace NetOps.Simulator;

/// <summary>FortiOS key=value logs (<c>&lt;189&gt;date=2026-11-23 time=17:05:01 devname="352012-fw1" … action="deny" …</c>).</summary>
public static class FortiGateMessages
{
    private const int Local7 = 23;

    public static string Traffic(SimulatedDevice device, DateTimeOffset t, bool accept, int proto,
        string src, int srcPort, string dst, int dstPort, string service, long sessionId, Random random)
    {
        string tail = accept
            ? string.Create(CultureInfo.InvariantCulture,
                $"action=\"accept\" policyid={1 + random.Next(12)} policytype=\"policy\" service=\"{service}\" trandisp=\"noop\" duration={random.Next(1, 120)} sentbyte={random.Next(200, 60_000)} rcvdbyte={random.Next(200, 900_000)} sentpkt={random.Next(3, 80)} rcvdpkt={random.Next(3, 700)} appcat=\"unscanned\"")
            : $"action=\"deny\" policyid=0 policytype=\"policy\" service=\"{service}\" trandisp=\"noop\" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 appcat=\"unscanned\" crscore=30 craction=131072 crlevel=\"high\"";
        return string.Create(CultureInfo.InvariantCulture,
            $"<{Local7 * 8 + 5}>{Header(device, t)} logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip={src} srcport={srcPort} srcintf=\"port1\" srcintfrole=\"lan\" dstip={dst} dstport={dstPort} dstintf=\"wan1\" dstintfrole=\"wan\" sessionid={sessionId} proto={proto} {tail}");
    }

    public static string LoginFailed(SimulatedDevice device, DateTimeOffset t, string user, string source) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<{Local7 * 8 + 1}>{Header(device, t)} logid=\"0100032002\" type=\"event\" subtype=\"system\" level=\"alert\" vd=\"root\" logdesc=\"Admin login failed\" sn=0 user=\"{user}\" ui=\"ssh({source})\" method=\"ssh\" srcip={source} dstip={device.Address} action=\"login\" status=\"failed\" reason=\"passwd_invalid\" msg=\"Administrator {user} login failed from ssh({source}) because of invalid password\"");

    public static string ConfigChange(SimulatedDevice device, DateTimeOffset t, string user, string source, int policy) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<{Local7 * 8 + 6}>{Header(device, t)} logid=\"0100044547\" type=\"event\" subtype=\"system\" level=\"information\" vd=\"root\" logdesc=\"Object attribute configured\" user=\"{user}\" ui=\"GUI({source})\" action=\"Edit\" cfgtid={policy * 7919} cfgpath=\"firewall.policy\" cfgobj=\"{policy}\" cfgattr=\"status[enable->disable]\" msg=\"Edit firewall.policy {policy}\"");

    private static string Header(SimulatedDevice device, DateTimeOffset t) =>
        string.Create(CultureInfo.InvariantCulture,
            $"date={t:yyyy-MM-dd} time={t:HH:mm:ss} devname=\"{device.Name}\" devid=\"FGT60F{device.Site.Index + 1_000_000_000:D10}\" eventtime={(t.ToUnixTimeMilliseconds() * 1_000_000):D} tz=\"{SyslogClock.Offset(t)}\"");
}
