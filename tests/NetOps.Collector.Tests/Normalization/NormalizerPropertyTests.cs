using FsCheck;
using FsCheck.Xunit;
using NetOps.Collector.Normalization;
using static NetOps.Collector.Tests.Normalization.TestRecords;

namespace NetOps.Collector.Tests.Normalization;

/// <summary>No input may make a normaliser throw: they read text from the network.</summary>
public sealed class NormalizerPropertyTests
{
    private static readonly Lazy<string[]> RealLines = new(() =>
        new[] { "cisco-ios.log", "juniper.log", "fortigate.log", "paloalto.log", "rfc5424.log", "rfc3164.log" }
            .SelectMany(AllLines).ToArray());

    private static readonly IVendorNormalizer[] Vendors =
    [
        new CiscoIosNormalizer(), new JuniperNormalizer(), new FortiGateNormalizer(), new PaloAltoNormalizer(),
        new YamahaRtxNormalizer(), new GenericNormalizer(),
    ];

    private static readonly string?[] Hints = [null, "cisco", "juniper", "fortigate", "paloalto", "yamaha", "unknown"];

    /// <summary>Calls every vendor normaliser directly (no safety net) and the composite.</summary>
    private static void NormaliseEverywhere(SyslogRecord record)
    {
        foreach (var v in Vendors)
        {
            if (v.TryNormalize(record, out var m)) Assert.NotNull(m);
        }
        var r = new SyslogNormalizer().Normalize(record);
        Assert.False(r.Faulted);
        Assert.NotNull(r.Message);
    }

    [Property(MaxTest = 3000)]
    public void Any_text_normalises_without_throwing(string? text, string? msgId, string? structuredData, byte hint)
        => NormaliseEverywhere(new SyslogRecord
        {
            Message = text ?? "", MsgId = msgId, StructuredData = structuredData, VendorHint = Hints[hint % Hints.Length],
        });

    [Property(MaxTest = 5000)]
    public void Mutated_real_lines_normalise_without_throwing(PositiveInt pick, NonNegativeInt at, NonNegativeInt length, char c, byte op)
    {
        var lines = RealLines.Value;
        var line = lines[pick.Get % lines.Length];
        int i = at.Get % (line.Length + 1);
        int n = Math.Min(length.Get % 16, line.Length - i);
        var mutated = (op % 5) switch
        {
            0 => line[..i],                                  // truncated
            1 => line.Remove(i, n),                           // a piece cut out
            2 => line.Insert(i, c.ToString()),                // a stray character
            3 => line[..i] + new string(c, n) + line[(i + n)..], // characters overwritten
            _ => line[i..],                                  // the front lost
        };
        NormaliseEverywhere(FromLine(mutated, Hints[op % Hints.Length]));
    }

    [Property(MaxTest = 2000)]
    public void Vendor_markers_followed_by_random_text_never_throw(string? tail, byte marker)
    {
        string[] markers =
        [
            "%LINK-3-UPDOWN:", "%SEC-6-IPACCESSLOGP: list ", "%BGP-5-ADJCHANGE: neighbor ", "%VRRP-6-STATECHANGE: ",
            "%OSPF-5-ADJCHG: Process 1, Nbr ", "%SYS-5-CONFIG_I: Configured from ", "logid=1 type=traffic action=",
            "logid=1 type=event subtype=vpn action=", "logid=1 type=event subtype=system logdesc=\"Admin login failed\" ui=",
            "1,2024/01/01 00:00:00,1,TRAFFIC,", "1,2024/01/01 00:00:00,1,THREAT,url,", "1,2024/01/01 00:00:00,1,SYSTEM,routing,",
            "1,2024/01/01 00:00:00,1,CONFIG,", "RPD_BGP_NEIGHBOR_STATE_CHANGED: BGP peer ", "RT_FLOW_SESSION_CREATE: session created ",
            "RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.39 source-address=\"", "RPD_OSPF_NBRUP: OSPF neighbor ",
            "PP[01] Rejected at IN(", "[INSPECT] ", "[VRRP] LAN1 VRID ", "TUNNEL[", "IP Tunnel[", "[IKE] SA[", "Login failed for ",
            "VRRPD_NEW_MASTER: Interface ", "SNMP_TRAP_LINK_DOWN: ifIndex ", "UI_LOGIN_EVENT: User '",
        ];
        var text = markers[marker % markers.Length] + (tail ?? "");
        NormaliseEverywhere(FromLine(text, Hints[marker % Hints.Length]));
        NormaliseEverywhere(new SyslogRecord { Message = "", MsgId = "SNMP_TRAP_LINK_UP", StructuredData = "[junos@2636 interface-name=\"" + tail });
    }
}
