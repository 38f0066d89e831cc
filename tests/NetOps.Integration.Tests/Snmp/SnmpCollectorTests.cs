using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetOps.Core.Inventory;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>
/// net-snmp's snmpd and snmptrap/snmpinform → a real NetOps process → a real InfluxDB. rt1 (127.0.0.1) is polled at
/// snmpd's port every 5 s; rt2 (127.0.0.2) names a port where nothing answers.
/// </summary>
public sealed class SnmpCollectorTests() : SnmpEndToEnd(new SnmpdAgent(), "snmp")
{
    private const string Loopback = "lo";

    protected override List<Device> Devices() =>
    [
        new Device { Name = "shimonoseki-rt1", Kind = "router", Line = "primary", Addresses = ["127.0.0.1"],
            Interfaces = new() { ["primary"] = "GigabitEthernet0/0", ["backup"] = "GigabitEthernet0/1" },
            Snmp = new DeviceSnmp { Credential = "noc", Port = Agent.Port, IntervalSeconds = 5 } },
        new Device { Name = "shimonoseki-rt2", Kind = "router", Line = "backup", Addresses = ["127.0.0.2"],
            Snmp = new DeviceSnmp { Credential = "noc", Port = TestPorts.Next(), IntervalSeconds = 5 } },
    ];

    protected override IEnumerable<string> Settings() => [$"--Collector:Snmp:Credentials:noc:Community={SnmpdAgent.Community}"];

    [Fact]
    public async Task The_loopbacks_in_octets_between_two_polls_lie_within_what_snmpget_read_around_them()
    {
        var ifName = await Agent.RunToolAsync("snmpget", "1.3.6.1.2.1.31.1.1.1.1.1");
        Assert.Equal(Loopback, ifName.Single().Trim().Trim('"')); // lo is ifIndex 1 on Linux
        const string counter = "1.3.6.1.2.1.31.1.1.1.6.1"; // ifHCInOctets.1, what NetOps reads when the agent has it

        // snmpget's reading of the counter every ~250 ms, each with the time before and after the call.
        var readings = new List<(long Before, long After, ulong Value)>();
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                long before = NowNs();
                var v = await Agent.RunToolAsync("snmpget", counter);
                long after = NowNs();
                if (v.Length == 1 && ulong.TryParse(v[0].Trim(), CultureInfo.InvariantCulture, out var value)) lock (readings) readings.Add((before, after, value));
                await Task.Delay(250);
            }
        });

        long start = NowNs();
        // 4 MB across the loopback between polls, so the increment is more than the polls' own traffic.
        using (var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        using (var source = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var payload = new byte[8000];
            for (int i = 0; i < 500; i++) source.SendTo(payload, sink.LocalEndPoint!);
        }
        var rows = await Until.ValueAsync(async () =>
        {
            var r = await Query.RowsAsync($"SELECT in_octets, out_octets, oper_up, line FROM interface WHERE device = 'shimonoseki-rt1' AND ifname = '{Loopback}' AND time > {start} AND in_octets >= 0");
            return r.Count >= 3 ? r : null;
        }, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await sampling;

        var all = await Query.RowsAsync($"SELECT in_octets, oper_up FROM interface WHERE device = 'shimonoseki-rt1' AND ifname = '{Loopback}'");
        Assert.True(all.Count >= 4, "the first poll writes oper_up only, then every poll an increment");
        Assert.Contains(all, r => r["in_octets"].ValueKind == System.Text.Json.JsonValueKind.Null); // the first poll
        Assert.All(rows, r => Assert.Equal("none", r["line"].GetString())); // lo is not in rt1's interfaces map
        Assert.All(rows, r => Assert.Equal(1, r["oper_up"].GetInt64()));
        long bigIncrement = rows.Max(r => r["in_octets"].GetInt64());
        Assert.True(bigIncrement >= 4_000_000, $"the interval with the 4 MB burst shows it: {bigIncrement}");

        var times = all.Select(r => r["time"].GetInt64()).ToList();
        int checkedIntervals = 0;
        foreach (var row in rows)
        {
            long t2 = row["time"].GetInt64();
            long t1 = times.Where(t => t < t2).DefaultIfEmpty(0).Max();
            long delta = row["in_octets"].GetInt64();
            Assert.True(delta > 0, "every poll itself crosses the loopback");
            // NetOps read the counter within the second before each point's time (the walk takes milliseconds).
            var upper = Between(readings, afterNs: t2, beforeNs: t1 - 1_000_000_000);
            var lower = Between(readings, afterNs: t2 - 1_000_000_000, beforeNs: t1, inner: true);
            if (upper is { } u) { Assert.True(delta <= u, $"increment {delta} exceeds snmpget's {u} over a wider span"); checkedIntervals++; }
            if (lower is { } l) Assert.True(delta >= l, $"increment {delta} is below snmpget's {l} over a narrower span");
        }
        Assert.True(checkedIntervals >= 1, $"snmpget bracketed no interval ({readings.Count} readings)");
    }

    /// <summary>
    /// snmpget's increment over a span: outer (upper bound) takes the first reading that began after
    /// <paramref name="afterNs"/> minus the last that ended before <paramref name="beforeNs"/>; inner (lower bound) the
    /// last that ended before <paramref name="afterNs"/> minus the first that began after <paramref name="beforeNs"/>.
    /// </summary>
    private static long? Between(List<(long Before, long After, ulong Value)> readings, long afterNs, long beforeNs, bool inner = false)
    {
        lock (readings)
        {
            if (!inner)
            {
                var end = readings.Where(r => r.Before > afterNs).Select(r => (ulong?)r.Value).FirstOrDefault();
                var begin = readings.Where(r => r.After < beforeNs).Select(r => (ulong?)r.Value).LastOrDefault();
                return end is { } e && begin is { } b ? (long)(e - b) : null;
            }
            var innerEnd = readings.Where(r => r.After < afterNs).Select(r => (ulong?)r.Value).LastOrDefault();
            var innerBegin = readings.Where(r => r.Before > beforeNs).Select(r => (ulong?)r.Value).FirstOrDefault();
            return innerEnd is { } ie && innerBegin is { } ib && ie >= ib ? (long)(ie - ib) : null;
        }
    }

    [Fact]
    public async Task Snmptrap_linkDown_and_linkUp_from_127_0_0_1_become_events_of_that_device_on_its_primary_line()
    {
        foreach (var trap in new[] { "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.6.3.1.1.5.4" })
        {
            await Peers.RunAsync(SnmpdAgent.Find("snmptrap")!, ["-v", "2c", "-c", "public", "-m", "", "-Ln", $"udp:127.0.0.1:{TrapPort}", "",
                trap, "1.3.6.1.2.1.2.2.1.1.1", "i", "1", "1.3.6.1.2.1.2.2.1.7.1", "i", "1", "1.3.6.1.2.1.2.2.1.8.1", "i", trap.EndsWith('3') ? "2" : "1",
                "1.3.6.1.2.1.31.1.1.1.1.1", "s", "GigabitEthernet0/0"]);
        }
        var down = Assert.Single(await Query.WaitRowsAsync("SELECT * FROM event WHERE kind = 'link_down' AND vendor = 'snmp'"));
        Assert.Equal("352012", down["site"].GetString());
        Assert.Equal("shimonoseki-rt1", down["device"].GetString());
        Assert.Equal("primary", down["line"].GetString());
        // (once seen without its interface in a loaded full run: the whole row says what came in)
        Assert.True(down.TryGetValue("interface", out var ifc) && ifc.GetString() == "GigabitEthernet0/0",
            string.Join(", ", down.Select(kv => $"{kv.Key}={kv.Value}")) + "\n" + NetOpsHost.Output);
        Assert.Equal("linkDown: interface GigabitEthernet0/0 (ifIndex 1) is down", down["message"].GetString());
        var up = Assert.Single(await Query.WaitRowsAsync("SELECT * FROM event WHERE kind = 'link_up' AND vendor = 'snmp'"));
        Assert.Equal("shimonoseki-rt1", up["device"].GetString());
        Assert.Contains("oper=up", up["detail"].GetString());
    }

    [Fact]
    public async Task Snmpinform_is_answered_and_an_unknown_trap_is_stored_as_a_generic_event_with_its_varbinds()
    {
        // snmpinform exits non-zero when no Response comes back.
        await Peers.RunAsync(SnmpdAgent.Find("snmpinform")!, ["-v", "2c", "-c", "public", "-m", "", "-Ln", "-r", "0", "-t", "5", $"udp:127.0.0.1:{TrapPort}", "",
            "1.3.6.1.4.1.8072.2.3.0.1", "1.3.6.1.4.1.8072.2.3.2.1", "s", "fan 2 failed"]);
        var row = Assert.Single(await Query.WaitRowsAsync("SELECT * FROM event WHERE kind = 'generic' AND vendor = 'snmp'"));
        Assert.Equal("trap 1.3.6.1.4.1.8072.2.3.0.1: 1.3.6.1.4.1.8072.2.3.2.1=fan 2 failed", row["message"].GetString());
        Assert.Equal("shimonoseki-rt1", row["device"].GetString());
        Assert.True(await NetOpsHost.MetricAsync("netops_snmp_traps_total", ("outcome", "stored")) >= 1);
    }

    [Fact]
    public async Task A_device_that_does_not_answer_is_counted_as_timeout_and_the_other_still_polls()
    {
        var deadline = Stopwatch.StartNew();
        double timeouts = 0, ok = 0;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && (timeouts < 2 || ok < 2))
        {
            timeouts = await NetOpsHost.MetricAsync("netops_snmp_polls_total", ("outcome", "timeout"));
            ok = await NetOpsHost.MetricAsync("netops_snmp_polls_total", ("outcome", "ok"));
            await Task.Delay(500);
        }
        Assert.True(timeouts >= 2, $"timeouts {timeouts}");
        Assert.True(ok >= 2, $"ok {ok}");
        Assert.Empty(await Query.RowsAsync("SELECT * FROM interface WHERE device = 'shimonoseki-rt2'"));
        Assert.NotEmpty(await Query.RowsAsync("SELECT * FROM interface WHERE device = 'shimonoseki-rt1'"));
        // logged once when it stopped answering, not once per poll
        Assert.Equal(1, NetOpsHost.Output.Split('\n').Count(l => l.Contains("device shimonoseki-rt2", StringComparison.Ordinal) && l.Contains("does not answer", StringComparison.Ordinal)));
        // and one snmp_down event on its site's timeline, on the device's line; none for the device that answers
        var down = Assert.Single(await Query.RowsAsync("SELECT * FROM event WHERE kind = 'snmp_down' AND device = 'shimonoseki-rt2'"));
        Assert.Equal(("backup", "warning"), (down["line"].GetString(), down["severity"].GetString()));
        Assert.Contains("no answer after", down["message"].GetString());
        Assert.Empty(await Query.RowsAsync("SELECT * FROM event WHERE kind =~ /^snmp_/ AND device = 'shimonoseki-rt1'"));
        // the overview reads it back from the real InfluxDB: rt2 is the one polled device not answering now
        using var http = new HttpClient();
        var influx = new NetOps.Core.Influx.InfluxHttpClient(http, Microsoft.Extensions.Options.Options.Create(new NetOps.Core.Influx.InfluxOptions { Url = Influx.Url }));
        var reachability = await influx.QueryAsync(NetOps.Dashboard.Ui.OverviewService.SnmpReachabilityQuery);
        Assert.Equal(["shimonoseki-rt2"], NetOps.Dashboard.Ui.OverviewService.NotAnswering(reachability.Statements[0],
            new HashSet<string>(["shimonoseki-rt1", "shimonoseki-rt2"], StringComparer.OrdinalIgnoreCase)));
    }

    private static long NowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
