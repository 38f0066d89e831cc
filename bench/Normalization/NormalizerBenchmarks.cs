using BenchmarkDotNet.Attributes;
using NetOps.Collector.Normalization;

namespace NetOps.Bench.Normalization;

/// <summary>
/// Cost per line of the vendor normalisers on the message text the header parser hands them. Each benchmark
/// normalises its whole set once (OperationsPerInvoke = set size), so Mean is per line. FortiGate traffic denies
/// are the bulk of all syslog volume: that path should allocate only the result and the device name.
/// The lines are written here in the devices' shapes (not copied from shared test data).
/// </summary>
[MemoryDiagnoser]
public class NormalizerBenchmarks
{
    private const int SetSize = 4;

    private readonly FortiGateNormalizer _fortigate = new();
    private readonly CiscoIosNormalizer _cisco = new();
    private readonly PaloAltoNormalizer _panos = new();
    private readonly SyslogNormalizer _composite = new();

    private SyslogRecord[] _fortigateDeny = [], _fortigateDenyHinted = [], _ciscoLink = [], _panosTraffic = [];

    [GlobalSetup]
    public void Setup()
    {
        _fortigateDeny = Set(null,
            "date=2025-06-15 time=21:31:05 devname=\"fgt-city01\" devid=\"FG100FTK00000001\" eventtime=1749990665123456789 tz=\"+0900\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=192.0.2.10 srcport=51514 srcintf=\"lan\" srcintfrole=\"lan\" dstip=198.51.100.7 dstport=445 dstintf=\"wan1\" dstintfrole=\"wan\" sessionid=8812731 proto=6 action=\"deny\" policyid=0 policytype=\"policy\" service=\"SMB\" dstcountry=\"Japan\" srccountry=\"Reserved\" trandisp=\"noop\" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 appcat=\"unscanned\" crscore=30 craction=131072 crlevel=\"high\"",
            "date=2025-06-15 time=21:31:06 devname=\"fgt-city01\" devid=\"FG100FTK00000001\" eventtime=1749990666223456789 tz=\"+0900\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=192.0.2.11 srcport=40022 srcintf=\"lan\" srcintfrole=\"lan\" dstip=198.51.100.9 dstport=23 dstintf=\"wan1\" dstintfrole=\"wan\" sessionid=8812732 proto=6 action=\"deny\" policyid=0 policytype=\"policy\" service=\"TELNET\" dstcountry=\"Japan\" srccountry=\"Reserved\" trandisp=\"noop\" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 appcat=\"unscanned\" crscore=30 craction=131072 crlevel=\"high\"",
            "date=2025-06-15 time=21:31:07 devname=fgt-city02 devid=FG100FTK00000002 logid=0000000013 type=traffic subtype=forward level=notice vd=root srcip=203.0.113.5 srcport=53211 srcintf=\"wan1\" dstip=192.0.2.20 dstport=3389 dstintf=\"dmz\" sessionid=11 proto=6 action=deny policyid=0 service=\"RDP\" duration=0 sentbyte=0 rcvdbyte=0",
            "date=2025-06-15 time=21:31:08 devname=\"fgt-city03\" devid=\"FG60F0000000003\" logid=\"0000000011\" type=\"traffic\" subtype=\"local\" level=\"notice\" vd=\"root\" srcip=203.0.113.77 srcport=61000 srcintf=\"wan1\" dstip=192.0.2.1 dstport=22 dstintf=\"root\" sessionid=12 proto=6 action=\"deny\" policyid=0 policytype=\"local-in-policy\" service=\"SSH\"");
        _fortigateDenyHinted = Array.ConvertAll(_fortigateDeny, r => new SyslogRecord { Message = r.Message, VendorHint = "fortigate" });
        _ciscoLink = Set(null,
            "4511: Jun 15 21:30:59.120: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down",
            "4512: Jun 15 21:30:59.121: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0, changed state to down",
            "4513: *Jun 15 21:31:30.001: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up",
            "%LINK-5-CHANGED: Interface GigabitEthernet0/1, changed state to administratively down");
        _panosTraffic = Set(null,
            "1,2025/06/15 21:31:10,012801000001,TRAFFIC,end,2561,2025/06/15 21:31:10,192.0.2.10,198.51.100.7,0.0.0.0,0.0.0.0,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,log-fwd,2025/06/15 21:31:10,40823,1,51514,443,0,0,0x400000,tcp,allow,5326,1172,4154,18,2025/06/15 21:30:55,14,any,0,7382910,0x0,192.168.0.0-192.168.255.255,Japan,0,10,8,tcp-fin,0,0,0,0,,pa-city01,from-policy,,,0,,0,,N/A,0,0,0,0",
            "1,2025/06/15 21:31:11,012801000001,TRAFFIC,deny,2561,2025/06/15 21:31:11,203.0.113.5,192.0.2.20,0.0.0.0,0.0.0.0,deny-all,,,not-applicable,vsys1,untrust,dmz,ethernet1/1,,log-fwd,2025/06/15 21:31:11,0,1,53211,3389,0,0,0x0,tcp,deny,60,60,0,1,2025/06/15 21:31:11,0,any,0,7382911,0x0,Japan,192.168.0.0-192.168.255.255,0,1,0,policy-deny,0,0,0,0,,pa-city01,from-policy,,,0,,0,,N/A,0,0,0,0",
            "1,2025/06/15 21:31:12,012801000001,TRAFFIC,drop,2561,2025/06/15 21:31:12,203.0.113.6,192.0.2.21,0.0.0.0,0.0.0.0,deny-all,,,not-applicable,vsys1,untrust,dmz,ethernet1/1,,log-fwd,2025/06/15 21:31:12,0,1,53212,22,0,0,0x0,tcp,drop,60,60,0,1,2025/06/15 21:31:12,0,any,0,7382912,0x0,Japan,192.168.0.0-192.168.255.255,0,1,0,policy-deny,0,0,0,0,,pa-city01,from-policy,,,0,,0,,N/A,0,0,0,0",
            "1,2025/06/15 21:31:13,012801000001,TRAFFIC,end,2561,2025/06/15 21:31:13,192.0.2.12,198.51.100.53,0.0.0.0,0.0.0.0,allow-dns,,,dns,vsys1,trust,untrust,ethernet1/2,ethernet1/1,log-fwd,2025/06/15 21:31:13,40824,1,50001,53,0,0,0x400019,udp,allow,180,80,100,2,2025/06/15 21:31:12,0,any,0,7382913,0x0,192.168.0.0-192.168.255.255,Japan,0,1,1,aged-out,0,0,0,0,,pa-city01,from-policy,,,0,,0,,N/A,0,0,0,0");
    }

    private static SyslogRecord[] Set(string? hint, params string[] messages)
    {
        if (messages.Length != SetSize) throw new InvalidOperationException($"each set has {SetSize} lines");
        return Array.ConvertAll(messages, m => new SyslogRecord { Message = m, VendorHint = hint });
    }

    private static int Run(IVendorNormalizer normalizer, SyslogRecord[] set)
    {
        int n = 0;
        foreach (var r in set)
            if (normalizer.TryNormalize(r, out var m) && m is not null) n++;
        return n;
    }

    [Benchmark(OperationsPerInvoke = SetSize)]
    public int FortiGateTrafficDeny() => Run(_fortigate, _fortigateDeny);

    [Benchmark(OperationsPerInvoke = SetSize)]
    public int CiscoLinkUpDown() => Run(_cisco, _ciscoLink);

    [Benchmark(OperationsPerInvoke = SetSize)]
    public int PanOsTrafficCsv() => Run(_panos, _panosTraffic);

    /// <summary>The pipeline's path: hint from the inventory first.</summary>
    [Benchmark(OperationsPerInvoke = SetSize)]
    public int CompositeFortiGateDenyWithHint()
    {
        int n = 0;
        foreach (var r in _fortigateDenyHinted)
            if (_composite.Normalize(r).Recognised) n++;
        return n;
    }

    /// <summary>No hint: Cisco's cheap rejection runs before FortiGate.</summary>
    [Benchmark(OperationsPerInvoke = SetSize)]
    public int CompositeFortiGateDenyDetected()
    {
        int n = 0;
        foreach (var r in _fortigateDeny)
            if (_composite.Normalize(r).Recognised) n++;
        return n;
    }
}
