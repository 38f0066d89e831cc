using System.Globalization;
using System.Text;
using NetOps.Core.Inventory;
using NetOps.Integration.Tests.Support;
using NetOps.Simulator;
using NetOps.Simulator.Snmp;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>
/// The demo simulator's routers as SNMP agents (in this process, on their own loopback addresses) → a real NetOps
/// polling them every 5 s and receiving their traps → a real InfluxDB; and net-snmp's tools reading the same agents.
/// </summary>
public sealed class SimulatorSnmpTests : IAsyncLifetime
{
    private const string Community = "sim-test-community";
    // A site index no other test's devices use: its routers are 127.32.20.1 and 127.32.20.2.
    private const int SiteIndex = 16 * 256 + 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-it-simsnmp-").FullName;
    private readonly int _agentPort = TestPorts.Next(), _trapPort = TestPorts.Next();
    private SimulatedSite _site = null!;
    private SnmpAgents _agents = null!;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private InfluxServer _influx = null!;
    private NetOpsProcess _netOps = null!;
    private InfluxQuery _query = null!;
    private DetectionsApi _api = null!;

    private string Rt1 => _site.PrimaryRouter.Name;
    private string Rt2 => _site.BackupRouter.Name;

    public async ValueTask InitializeAsync()
    {
        var demo = DemoInventory.GenerateSites(MunicipalityDirectory.Entries).Single(s => s.Code == "352012");
        _site = new SimulatedSite(demo, SiteIndex, useTcp: false);
        var devices = new List<Device>
        {
            Router(demo, DemoInventory.PrimaryRouter, _site.PrimaryRouter),
            Router(demo, DemoInventory.BackupRouter, _site.BackupRouter),
        };
        _agents = SnmpAgents.Start([_site], _agentPort, Encoding.UTF8.GetBytes(Community), new(System.Net.IPAddress.Loopback, _trapPort),
            TimeProvider.System, TextWriter.Null, 7, out var error) ?? throw new InvalidOperationException(error);
        _running = _agents.RunAsync(_stop.Token);
        _influx = await InfluxServer.StartNewAsync();
        _query = new InfluxQuery(_influx.Url);
        var inventory = TestInventory.Write(_dir, devices);
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        string[] inventoryArg = [$"--Inventory:Path={inventory}"];
        var token = await NetOpsCli.UserWithTokenAsync(data, "noc", "operator", extra: inventoryArg);
        // collector and analyzer in one process: the analyzer reads the polls and traps as the collector writes them
        _netOps = await NetOpsProcess.StartAsync(_influx.Url, data, null,
            [.. inventoryArg, $"--Collector:Snmp:TrapPort={_trapPort}", "--Collector:Snmp:TimeoutMs=500", "--Collector:Snmp:Retries=1",
             $"--Collector:Snmp:Credentials:demo:Community={Community}", "--Roles=collector,analyzer,dashboard"]);
        _api = new DetectionsApi(_netOps, token, demo.Code);
    }

    private Device Router(Site demo, string suffix, SimulatedDevice simulated)
    {
        var d = demo.Devices.Single(x => x.Name.EndsWith("-" + suffix, StringComparison.Ordinal));
        return new Device
        {
            Name = d.Name, Kind = d.Kind, Line = d.Line, Vendor = d.Vendor, Interfaces = d.Interfaces, Addresses = [simulated.Address.ToString()],
            Snmp = new DeviceSnmp { Credential = "demo", Port = _agentPort, IntervalSeconds = 5 },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _netOps.DisposeAsync();
        await _influx.DisposeAsync();
        await _stop.CancelAsync();
        await _running;
        _agents.Dispose();
        _stop.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Net_snmps_bulk_walk_reads_the_simulated_routers_interfaces_and_a_wrong_community_gets_no_answer()
    {
        var descr = await WalkAsync(_site.PrimaryRouter.Address.ToString(), Community, "1.3.6.1.2.1.2.2.1.2");
        Assert.Equal(["GigabitEthernet0/0", "GigabitEthernet0/2", "GigabitEthernet0/1"], descr);
        var names = await WalkAsync(_site.BackupRouter.Address.ToString(), Community, "1.3.6.1.2.1.31.1.1.1.1");
        Assert.Equal(["LAN1", "LAN2"], names);
        // one GET reads one moment: the 64-bit and 32-bit views of the line's counter agree modulo 2^32, as a real agent's do
        var both = await WalkAsync(_site.PrimaryRouter.Address.ToString(), Community, "1.3.6.1.2.1.31.1.1.1.6.1", "1.3.6.1.2.1.2.2.1.10.1");
        ulong hc = ulong.Parse(both[0], CultureInfo.InvariantCulture), low = ulong.Parse(both[1], CultureInfo.InvariantCulture);
        Assert.True(hc > 0);
        Assert.Equal(hc & uint.MaxValue, low);
        Assert.Empty(await WalkAsync(_site.PrimaryRouter.Address.ToString(), "wrong-community", "1.3.6.1.2.1.2.2.1.2"));
        Assert.True(_agents.Refused >= 1);
    }

    [Fact]
    public async Task A_drill_takes_the_primary_line_down_in_the_polls_and_a_trap_and_moves_the_octets_to_the_backup_routers_line()
    {
        // before: the primary line carries the site (background traffic alone is at least 25 kB/s), the backup idles
        var before = await WaitIncrementAsync(Rt1, "Gi0/0", "primary", DateTimeOffset.UtcNow.AddSeconds(-30), min: 50_000);
        var idle = await WaitIncrementAsync(Rt2, "LAN2", "backup", DateTimeOffset.UtcNow.AddSeconds(-30), min: 0);
        Assert.True(idle < 5_000, $"the idle backup line carried {idle} octets in a poll");
        Assert.True(before > 50_000);

        // the drill: link down, then VRRP moves the traffic to the backup router
        var down = DateTimeOffset.UtcNow;
        _agents.SetPrimaryLine(_site, up: false);
        _agents.SetBackupCarrying(_site, backup: true);
        var trap = Assert.Single(await _query.WaitRowsAsync($"SELECT * FROM event WHERE kind = 'link_down' AND vendor = 'snmp' AND device = '{Rt1}'"));
        Assert.Equal("352012", trap["site"].GetString());
        Assert.Equal("primary", trap["line"].GetString());
        Assert.Equal("GigabitEthernet0/0", trap["interface"].GetString());
        var polledDown = await _query.WaitRowsAsync(
            $"SELECT * FROM interface WHERE device = '{Rt1}' AND ifname = 'Gi0/0' AND oper_up = 0 AND time > {Ns(down)}", TimeSpan.FromSeconds(30));
        Assert.Equal("primary", polledDown[0]["line"].GetString());
        var carrying = await WaitIncrementAsync(Rt2, "LAN2", "backup", down.AddSeconds(1), min: 50_000);
        Assert.True(carrying > 50_000);
        // the analyzer: the trap starts the failover, the backup line's own counters show it carrying
        var found = await _api.WaitForAsync(d => d.Any(x => x.Kind == "backup_carrying"), TimeSpan.FromSeconds(30), "backup_carrying");
        Assert.Contains("link_down", Assert.Single(found, d => d.Kind == "failover_started").EvidenceKinds);
        Assert.Contains("octets", Assert.Single(found, d => d.Kind == "backup_carrying").EvidenceKinds);
        Assert.Equal("backup", (await _api.SiteAsync()).GetProperty("state").GetString());
        // while down, the primary line's interface counts nothing (the first poll that finds it down still holds the
        // traffic before the failure)
        var whileDown = await _query.RowsAsync(
            $"SELECT in_octets FROM interface WHERE device = '{Rt1}' AND ifname = 'Gi0/0' AND oper_up = 0 AND time > {Ns(down)}");
        Assert.All(whileDown.Skip(1).Where(r => r["in_octets"].ValueKind == System.Text.Json.JsonValueKind.Number), r => Assert.Equal(0, r["in_octets"].GetDouble()));

        // switchback: linkUp, and the primary carries again
        var up = DateTimeOffset.UtcNow;
        _agents.SetPrimaryLine(_site, up: true);
        _agents.SetBackupCarrying(_site, backup: false);
        await _query.WaitRowsAsync($"SELECT * FROM event WHERE kind = 'link_up' AND vendor = 'snmp' AND device = '{Rt1}'");
        Assert.True(await WaitIncrementAsync(Rt1, "Gi0/0", "primary", up.AddSeconds(1), min: 50_000) > 50_000);
        Assert.Equal(2, _agents.Traps);
    }

    /// <summary>Waits for a poll after <paramref name="after"/> whose in_octets increment is at least <paramref name="min"/>; returns it.</summary>
    private async Task<double> WaitIncrementAsync(string device, string ifName, string line, DateTimeOffset after, double min)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var rows = await _query.RowsAsync(
                $"SELECT in_octets, line FROM interface WHERE device = '{device}' AND ifname = '{ifName}' AND time > {Ns(after)}");
            foreach (var row in rows)
                if (row["in_octets"].ValueKind == System.Text.Json.JsonValueKind.Number && row["in_octets"].GetDouble() >= min)
                {
                    Assert.Equal(line, row["line"].GetString());
                    return row["in_octets"].GetDouble();
                }
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"no poll of {device} {ifName} with at least {min} octets: {string.Join("; ", rows.Select(r => r["in_octets"]))}\n{_netOps.Output}");
            await Task.Delay(500);
        }
    }

    private static string Ns(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() * 1_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>snmpbulkwalk of one column, or snmpget of several objects; the values, unquoted.</summary>
    private async Task<string[]> WalkAsync(string address, string community, params string[] oids)
    {
        bool get = oids.Length > 1;
        var tool = SnmpdAgent.Find(get ? "snmpget" : "snmpbulkwalk") ?? throw new InvalidOperationException("net-snmp's tools are missing");
        string[] args = ["-v2c", "-c", community, "-On", "-Oqv", "-Oe", "-m", "", "-r", "0", "-t", "1", .. get ? Array.Empty<string>() : ["-Cr4"], $"udp:{address}:{_agentPort}", .. oids];
        try
        {
            var output = await Peers.RunAsync(tool, args);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.Trim('"')).ToArray();
        }
        catch (Exception e) when (community != Community && e.Message.Contains("Timeout", StringComparison.Ordinal))
        {
            return [];
        }
    }
}
