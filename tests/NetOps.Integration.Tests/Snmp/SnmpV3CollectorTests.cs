using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetOps.Core.Inventory;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>
/// SNMPv3 end to end: net-snmp's snmpd (a SHA + AES user) polled by a real NetOps process into a real InfluxDB as rt1
/// (127.0.0.1, credential <c>core</c>) and, with a wrong auth key, as rt3 (127.0.0.3, credential <c>wrong</c>);
/// snmpinform -v 3 and snmptrap -v 3 to NetOps' receiver, and a captured snmptrap sent twice.
/// </summary>
public sealed class SnmpV3CollectorTests() : SnmpEndToEnd(new SnmpdAgent { Addresses = ["127.0.0.1", "127.0.0.3"] }, "snmpv3")
{
    private const string EngineId = "80001f88046e65746f7073";
    private static readonly SnmpdAgent.V3User User = SnmpdAgent.Sha1User;

    protected override List<Device> Devices() =>
    [
        new Device { Name = "shimonoseki-rt1", Kind = "router", Line = "primary", Addresses = ["127.0.0.1"],
            Interfaces = new() { ["primary"] = "GigabitEthernet0/0" },
            Snmp = new DeviceSnmp { Credential = "core", Port = Agent.Port, IntervalSeconds = 5 } },
        new Device { Name = "shimonoseki-rt3", Kind = "router", Line = "backup", Addresses = ["127.0.0.3"],
            Snmp = new DeviceSnmp { Credential = "wrong", Port = Agent.Port, IntervalSeconds = 5 } },
    ];

    protected override IEnumerable<string> Settings() =>
        [$"--Collector:Snmp:EngineId={EngineId}", .. Credential("core", User.AuthKey), .. Credential("wrong", "wrong-auth-key")];

    private static string[] Credential(string name, string authKey) =>
    [
        $"--Collector:Snmp:Credentials:{name}:Version=3", $"--Collector:Snmp:Credentials:{name}:User={User.Name}",
        $"--Collector:Snmp:Credentials:{name}:AuthProtocol={User.Auth}", $"--Collector:Snmp:Credentials:{name}:AuthKey={authKey}",
        $"--Collector:Snmp:Credentials:{name}:PrivProtocol={User.Priv}", $"--Collector:Snmp:Credentials:{name}:PrivKey={User.PrivKey}",
    ];

    [Fact]
    public async Task The_v3_device_is_polled_with_the_interfaces_snmpbulkwalk_v3_sees_and_the_wrong_key_is_refused_counted_and_not_hammered()
    {
        var rows = await Query.WaitRowsAsync("SELECT oper_up, speed_mbps, ifname FROM interface WHERE device = 'shimonoseki-rt1'");
        var theirs = (await Agent.RunV3ToolAsync(User, "snmpbulkwalk", "1.3.6.1.2.1.31.1.1.1.1")).Select(t => t.Trim().Trim('"')).Order().ToList();
        Assert.NotEmpty(theirs);
        var ours = await Until.ValueAsync(async () =>
        {
            var names = (await Query.RowsAsync("SELECT oper_up, ifname FROM interface WHERE device = 'shimonoseki-rt1'")).Select(r => r["ifname"].GetString()!).Distinct().Order().ToList();
            return names.Count >= theirs.Count ? names : null;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(theirs, ours);
        var lo = (await Agent.RunV3ToolAsync(User, "snmpget", "1.3.6.1.2.1.2.2.1.8.1")).Single().Trim(); // ifOperStatus.1 (lo)
        Assert.Contains(rows, r => r["ifname"].GetString() == "lo" && r["oper_up"].GetInt64() == (lo == "1" ? 1 : 0));

        // rt3 names the same agent with a wrong auth key: each poll is one refusal, no resends in between.
        var clock = Stopwatch.StartNew();
        double refused = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && refused < 3)
        {
            refused = await NetOpsHost.MetricAsync("netops_snmp_polls_total", ("outcome", "auth_failed"));
            await Task.Delay(500);
        }
        Assert.True(refused >= 3, $"auth_failed {refused}");
        var wrongDigests = ulong.Parse((await Agent.RunV3ToolAsync(User, "snmpget", "1.3.6.1.6.3.15.1.1.5.0")).Single().Trim());
        double polls = await NetOpsHost.MetricAsync("netops_snmp_polls_total", ("outcome", "auth_failed"));
        Assert.True(wrongDigests <= (ulong)polls + 1, $"snmpd counted {wrongDigests} wrong digests for {polls} refused polls");
        Assert.Empty(await Query.RowsAsync("SELECT * FROM interface WHERE device = 'shimonoseki-rt3'"));
        var logged = NetOpsHost.Output.Split('\n').Where(l => l.Contains("device shimonoseki-rt3", StringComparison.Ordinal) && l.Contains("refuses SNMPv3 credential wrong", StringComparison.Ordinal)).ToList();
        Assert.Single(logged);
        // on the site's timeline once: the device does not answer, naming the credential, never its key
        var down = Assert.Single(await Query.RowsAsync("SELECT * FROM event WHERE kind = 'snmp_down' AND device = 'shimonoseki-rt3'"));
        Assert.Contains("credential 'wrong'", down["message"].GetString());
        Assert.DoesNotContain("wrong-auth-key", down["message"].GetString());
        Assert.Empty(await Query.RowsAsync("SELECT * FROM event WHERE kind = 'snmp_down' AND device = 'shimonoseki-rt1'"));
        Assert.DoesNotContain("wrong-auth-key", NetOpsHost.Output);
        Assert.DoesNotContain(User.PrivKey, NetOpsHost.Output);
    }

    [Fact]
    public async Task Snmpinform_v3_and_snmptrap_v3_linkDown_and_linkUp_become_events_of_the_sending_device()
    {
        string[] security = ["-v", "3", "-l", "authPriv", "-u", User.Name, "-a", User.Auth, "-A", User.AuthKey, "-x", User.Priv, "-X", User.PrivKey, "-m", "", "-Ln"];
        string[] binds(string state) => ["1.3.6.1.2.1.2.2.1.1.1", "i", "1", "1.3.6.1.2.1.2.2.1.8.1", "i", state, "1.3.6.1.2.1.31.1.1.1.1.1", "s", "GigabitEthernet0/0"];
        // snmpinform exits non-zero when no Response comes back: discovery of our engine, then the authenticated inform.
        await Peers.RunAsync(SnmpdAgent.Find("snmpinform")!, [.. security, "-r", "0", "-t", "5", $"udp:127.0.0.1:{TrapPort}", "", "1.3.6.1.6.3.1.1.5.3", .. binds("2")]);
        // a trap's engine is its sender's own (-e)
        await Peers.RunAsync(SnmpdAgent.Find("snmptrap")!, [.. security, "-e", "0x8000000001020304", $"udp:127.0.0.1:{TrapPort}", "", "1.3.6.1.6.3.1.1.5.4", .. binds("1")]);

        var down = Assert.Single(await Query.WaitRowsAsync("SELECT * FROM event WHERE kind = 'link_down' AND vendor = 'snmp'"));
        Assert.Equal("shimonoseki-rt1", down["device"].GetString());
        Assert.Equal("primary", down["line"].GetString());
        Assert.Equal("linkDown: interface GigabitEthernet0/0 (ifIndex 1) is down", down["message"].GetString());
        var up = Assert.Single(await Query.WaitRowsAsync("SELECT * FROM event WHERE kind = 'link_up' AND vendor = 'snmp'"));
        Assert.Equal("shimonoseki-rt1", up["device"].GetString());
        Assert.True(await NetOpsHost.MetricAsync("netops_snmp_traps_total", ("outcome", "discovery")) >= 1);

        // the same trap with another key is counted and dropped
        string[] wrong = [.. security];
        wrong[Array.IndexOf(wrong, User.AuthKey)] = "neither-configured-key"; // not the "wrong" credential's key either
        await Peers.RunAsync(SnmpdAgent.Find("snmptrap")!, [.. wrong, "-e", "0x8000000001020304", $"udp:127.0.0.1:{TrapPort}", "", "1.3.6.1.6.3.1.1.5.3", .. binds("2")]);
        await Until.ValueAsync(async () => await NetOpsHost.MetricAsync("netops_snmp_traps_total", ("outcome", "auth_failed")) >= 1 ? "" : null, TimeSpan.FromSeconds(10));
        Assert.Single(await Query.RowsAsync("SELECT * FROM event WHERE kind = 'link_down' AND vendor = 'snmp'"));

        // snmptrap's coldStart captured on the way, then sent twice: stored once, the copy refused as replayed
        using var capture = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var capturePort = ((IPEndPoint)capture.Client.LocalEndPoint!).Port;
        await Peers.RunAsync(SnmpdAgent.Find("snmptrap")!, [.. security, "-e", "0x8000000001020304", $"udp:127.0.0.1:{capturePort}", "", "1.3.6.1.6.3.1.1.5.1"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var captured = (await capture.ReceiveAsync(timeout.Token)).Buffer;
        using var attacker = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (int i = 0; i < 2; i++) await attacker.SendAsync(captured, new IPEndPoint(IPAddress.Loopback, TrapPort));
        await Until.ValueAsync(async () => await NetOpsHost.MetricAsync("netops_snmp_traps_total", ("outcome", "replayed")) >= 1 ? "" : null, TimeSpan.FromSeconds(10));
        var cold = Assert.Single(await Query.WaitRowsAsync("SELECT * FROM event WHERE kind = 'system' AND vendor = 'snmp'"));
        Assert.Equal("shimonoseki-rt1", cold["device"].GetString());
        Assert.Equal(1, await NetOpsHost.MetricAsync("netops_snmp_traps_total", ("outcome", "replayed")));
    }
}
