using System.Diagnostics;
using System.Net;
using System.Text;
using NetOps.Core.Inventory;
using NetOps.Integration.Tests.Support;
using NetOps.Simulator;
using NetOps.Simulator.Snmp;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>
/// Two collectors on one PostgreSQL state DB split the SNMP-polled devices by membership
/// (<c>Collector:Snmp:Sharding=members</c>): twelve simulated routers, each polled by exactly one of them; one is
/// SIGKILLed and the survivor takes all twelve within three heartbeats, with every router's polls going on into InfluxDB.
/// </summary>
public sealed class SnmpMembershipTwoNodeTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private const string Community = "members-test-community";

    [Fact]
    public async Task Two_collectors_poll_each_router_once_between_them_and_when_one_is_killed_the_other_takes_all_of_them()
    {
        var dir = Directory.CreateTempSubdirectory("netops-snmp-members-").FullName;
        using var stop = new CancellationTokenSource();
        int agentPort = TestPorts.Next();
        // six demo sites' routers as agents, on loopback addresses no other test's agents use (site indices 16·256+40…)
        var demo = DemoInventory.GenerateSites(MunicipalityDirectory.Entries).Where(s => s.Devices.Count(d => d.Kind == "router") == 2).Skip(100).Take(6).ToList();
        var simulated = demo.Select((s, i) => new SimulatedSite(s, 16 * 256 + 40 + i, useTcp: false)).ToList();
        using var agents = SnmpAgents.Start(simulated, agentPort, Encoding.UTF8.GetBytes(Community), new IPEndPoint(IPAddress.Loopback, 9),
            TimeProvider.System, TextWriter.Null, 7, out var error) ?? throw new InvalidOperationException(error);
        var running = agents.RunAsync(stop.Token);
        try
        {
            var devices = new List<Device>();
            foreach (var (site, sim) in demo.Zip(simulated))
            {
                devices.Add(Router(site, DemoInventory.PrimaryRouter, sim.PrimaryRouter, agentPort));
                devices.Add(Router(site, DemoInventory.BackupRouter, sim.BackupRouter, agentPort));
            }
            var names = devices.Select(d => d.Name).ToHashSet();
            await using var influx = await InfluxServer.StartNewAsync();
            var query = new InfluxQuery(influx.Url);
            var connection = await postgres.CreateDatabaseAsync("snmpmembers");
            string[] common =
            [
                "--Roles=collector", "--StateDb:Provider=postgres", $"--StateDb:ConnectionString={connection}",
                $"--Inventory:Path={TestInventory.Write(dir, devices)}", $"--Collector:Snmp:Credentials:demo:Community={Community}",
                "--Collector:Snmp:Sharding=members", "--Collector:Snmp:HeartbeatSeconds=1", "--Collector:Snmp:TimeoutMs=500",
            ];
            // the first migrates and seeds the empty database; the second joins it
            await using var n1 = await NetOpsProcess.StartAsync(influx.Url, Path.Combine(dir, "n1"), null, [.. common, "--Collector:Snmp:MemberName=n1"]);
            await using var n2 = await NetOpsProcess.StartAsync(influx.Url, Path.Combine(dir, "n2"), null, [.. common, "--Collector:Snmp:MemberName=n2"]);

            // both see both: each polls a share, the shares add up to the twelve
            double d1 = 0, d2 = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                d1 = await n1.MetricAsync("netops_snmp_devices");
                d2 = await n2.MetricAsync("netops_snmp_devices");
                if (d1 > 0 && d2 > 0 && d1 + d2 == names.Count) break;
                await Task.Delay(300);
            }
            Assert.True(d1 > 0 && d2 > 0 && d1 + d2 == names.Count, $"n1 polls {d1}, n2 {d2} of {names.Count}\n{n1.Output}\n{n2.Output}");
            // and no router is polled twice: each is asked about once per 5 s interval, by one collector
            var steadyFrom = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(11));
            var perDevice = await PollsPerDeviceAsync(query, steadyFrom);
            Assert.Equal(names, perDevice.Keys.ToHashSet());
            Assert.All(perDevice, p => Assert.InRange(p.Value, 1, 3)); // 2 in 11 s at 5 s; twice as many if both polled it

            n2.Kill9();
            var killed = DateTimeOffset.UtcNow;
            clock.Restart();
            while (clock.Elapsed < TimeSpan.FromSeconds(20) && await n1.MetricAsync("netops_snmp_devices") < names.Count) await Task.Delay(200);
            Assert.Equal(names.Count, await n1.MetricAsync("netops_snmp_devices"));
            Assert.Contains("splits the polled devices among 1 members: n1", n1.Output);
            // every router's polls go on after the kill, now all from n1
            await Task.Delay(TimeSpan.FromSeconds(12));
            Assert.Equal(names, (await PollsPerDeviceAsync(query, killed.AddSeconds(8))).Keys.ToHashSet());
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static Device Router(Site site, string suffix, SimulatedDevice simulated, int port)
    {
        var d = site.Devices.Single(x => x.Name.EndsWith("-" + suffix, StringComparison.Ordinal));
        return new Device
        {
            Name = d.Name, Kind = d.Kind, Line = d.Line, Vendor = d.Vendor, Interfaces = d.Interfaces, Addresses = [simulated.Address.ToString()],
            Snmp = new DeviceSnmp { Credential = "demo", Port = port, IntervalSeconds = 5 },
        };
    }

    /// <summary>Polls per device since <paramref name="from"/>: the distinct times of its interface points.</summary>
    private static async Task<Dictionary<string, int>> PollsPerDeviceAsync(InfluxQuery query, DateTimeOffset from)
    {
        var rows = await query.RowsAsync($"SELECT oper_up, device FROM interface WHERE time > {(from.ToUnixTimeMilliseconds() * 1_000_000)}");
        return rows.GroupBy(r => r["device"].GetString()!).ToDictionary(g => g.Key, g => g.Select(r => r["time"].ToString()).Distinct().Count());
    }
}
