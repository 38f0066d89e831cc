using System.Text;
using BenchmarkDotNet.Attributes;
using NetOps.Collector.Syslog;

namespace NetOps.Bench.Syslog;

/// <summary>
/// Parse cost per line for each header form the collector sees. Each benchmark parses its whole set once
/// (OperationsPerInvoke = set size), so Mean is per line: lines/s/core = 1 s / Mean. Target ≥ 1 M lines/s, 0 B.
/// The lines are written here in the devices' shapes (not copied from shared test data).
/// </summary>
[MemoryDiagnoser]
public class SyslogParserBenchmarks
{
    private const int SetSize = 8;
    private static readonly DateTimeOffset ReceivedAt = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private byte[][] _rfc5424 = [], _cisco = [], _fortigate = [], _panos = [], _juniper = [];

    [GlobalSetup]
    public void Setup()
    {
        _rfc5424 = Set(
            "<165>1 2025-06-15T21:14:15.003+09:00 srv01.lg.example myapp 8710 ID47 - Started job 42 for tenant 7",
            "<34>1 2025-06-15T12:14:15Z mail01.lg.example su - ID47 - \xEF\xBB\xBF'su root' failed for operator on /dev/pts/8",
            "<165>1 2025-06-15T12:14:15.123456Z app02 evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry",
            "<13>1 - - - - - - minimal");
        _cisco = Set(
            "<189>1234: core-sw01: *Jun 15 21:30:56.699 JST: %LINK-5-CHANGED: Interface GigabitEthernet1/0/2, changed state to administratively down",
            "<187>1235: core-sw01: Jun 15 21:30:57.001 JST: %LINK-3-UPDOWN: Interface GigabitEthernet1/0/3, changed state to down",
            "<189>Jun 15 21:31:00 10.20.30.1 4511: Jun 15 21:30:59.120: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.20.0.5)",
            "<190>88231: rtr-edge02: Jun 15 2025 21:31:02.400 JST: %SEC-6-IPACCESSLOGP: list 110 denied tcp 192.0.2.10(51514) -> 198.51.100.7(445), 1 packet");
        _fortigate = Set(
            "<189>date=2025-06-15 time=21:31:05 devname=\"fgt-city01\" devid=\"FG100FTK00000001\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=192.0.2.10 srcport=51514 srcintf=\"lan\" dstip=198.51.100.7 dstport=443 dstintf=\"wan1\" action=\"deny\" policyid=12",
            "<190>date=2025-06-15 time=21:31:06 devname=\"fgt-city01\" devid=\"FG100FTK00000001\" logid=\"0100032001\" type=\"event\" subtype=\"system\" level=\"information\" vd=\"root\" logdesc=\"Admin login successful\" user=\"admin\" ui=\"https(192.0.2.50)\" action=\"login\" status=\"success\"");
        _panos = Set(
            "<14>Jun 15 21:31:10 pa-city01 1,2025/06/15 21:31:10,012801000001,TRAFFIC,end,2561,2025/06/15 21:31:10,192.0.2.10,198.51.100.7,0.0.0.0,0.0.0.0,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,log-fwd,2025/06/15 21:31:10,40823,1,51514,443,0,0,0x400000,tcp,allow,5326,1172,4154,18,2025/06/15 21:30:55,14,any,0,7382910,0x0,192.168.0.0-192.168.255.255,Japan,0,10,8,tcp-fin",
            "<12>Jun 15 21:31:11 pa-city01 1,2025/06/15 21:31:11,012801000001,THREAT,url,2561,2025/06/15 21:31:11,192.0.2.11,198.51.100.8,0.0.0.0,0.0.0.0,block-web,,,web-browsing,vsys1,trust,untrust,ethernet1/2,ethernet1/1,log-fwd,2025/06/15 21:31:11,40824,1,51515,80,0,0,0x208000,tcp,block-url,\"example.invalid/\",(9999),gambling,informational,client-to-server");
        _juniper = Set(
            "<28>1 2025-06-15T21:31:15.466+09:00 srx-city01 mib2d 8956 SNMP_TRAP_LINK_DOWN [junos@2636.1.1.1.2.129 snmp-interface-index=\"508\" admin-status=\"up(1)\" operational-status=\"down(2)\" interface-name=\"ge-0/0/3\"] ifIndex 508, ifAdminStatus up(1), ifOperStatus down(2), ifName ge-0/0/3",
            "<14>1 2025-06-15T21:31:16.001+09:00 srx-city01 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.129 source-address=\"192.0.2.10\" source-port=\"51514\" destination-address=\"198.51.100.7\" destination-port=\"445\" protocol-id=\"6\" policy-name=\"deny-smb\" source-zone-name=\"trust\" destination-zone-name=\"untrust\"] session denied",
            "<28>Jun 15 21:31:17 srx-city02 rpd[2902]: RPD_BGP_NEIGHBOR_STATE_CHANGED: BGP peer 192.0.2.1 (External AS 64512) changed state from Established to Idle (event HoldTime)",
            "<189>Jun 15 21:31:18 srx-city02 mgd[7729]: UI_COMMIT_COMPLETED: commit complete");
    }

    private static byte[][] Set(params string[] lines)
        => Enumerable.Range(0, SetSize).Select(i => Encoding.Latin1.GetBytes(lines[i % lines.Length])).ToArray(); // Latin1: the BOM written as \xEF\xBB\xBF chars becomes its 3 bytes


    private static int ParseAll(byte[][] lines)
    {
        int sum = 0;
        foreach (var line in lines)
        {
            if (SyslogParser.TryParse(line, ReceivedAt, Jst, out var message, out _)) sum += message.Message.Start.Value;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = SetSize)] public int Rfc5424() => ParseAll(_rfc5424);
    [Benchmark(OperationsPerInvoke = SetSize)] public int Rfc3164Cisco() => ParseAll(_cisco);
    [Benchmark(OperationsPerInvoke = SetSize)] public int FortiGateNoHeader() => ParseAll(_fortigate);
    [Benchmark(OperationsPerInvoke = SetSize)] public int PanOsCsvInRfc3164() => ParseAll(_panos);
    [Benchmark(OperationsPerInvoke = SetSize)] public int JuniperStructured() => ParseAll(_juniper);
}
