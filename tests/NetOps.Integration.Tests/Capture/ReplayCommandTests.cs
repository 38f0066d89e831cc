using System.Diagnostics;
using System.Globalization;
using System.Text;
using NetOps.Core.Inventory;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Capture;

/// <summary><c>netops replay</c> as a real process against a real InfluxDB.</summary>
public sealed class ReplayCommandTests : IAsyncLifetime
{
    private InfluxServer _influx = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-replay-").FullName;
    private string _inventory = "";

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        var sites = new List<Site>
        {
            new() { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00" },
            new()
            {
                Code = "352012", Name = "下関市", Prefecture = "35", Parent = "000000",
                Devices = Enumerable.Range(91, 7).Select(i => new Device
                {
                    Name = $"vrrp-rt{i}", Kind = "router", Line = i % 2 == 1 ? "primary" : "backup", Addresses = [$"10.0.0.{i}"],
                }).ToList(),
            },
        };
        _inventory = Path.Combine(_dir, "inventory.json");
        new SiteInventory(sites).Save(_inventory);
    }

    public async ValueTask DisposeAsync()
    {
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private async Task<(int Code, string Output)> ReplayAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir };
        psi.ArgumentList.Add(NetOpsProcess.HostDll);
        psi.ArgumentList.Add("replay");
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var a in new[] { $"--DataDir={Path.Combine(_dir, "data")}", $"--Influx:Url={_influx.Url}", $"--Inventory:Path={_inventory}", "--Influx:FlushIntervalMs=100" })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi)!;
        var output = new StringBuilder();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(cts.Token);
        output.Append(await stdout).Append(await stderr);
        return (p.ExitCode, output.ToString());
    }

    [Fact]
    public async Task Replaying_the_hsrp_failover_stores_the_silent_active_and_the_takeover_as_hsrp_events()
    {
        var (code, output) = await ReplayAsync(SharedData.Path("pcap/hsrp/HSRP_failover.pcap"), "--site", "000000", "--sensor", "it-tap");
        Assert.True(code == 0, output);
        Assert.Contains("packets    39 read", output);

        var query = new InfluxQuery(_influx.Url);
        var rows = await query.RowsAsync("select kind, severity, site, device, detail from event where kind = 'hsrp_active' or kind = 'hsrp_standby'");
        // INDEX.md: .10 Active, .30 Standby; .10 silent after frame 11 (hold 10 s); .30 Active (frame 17); .20 Standby (frame 26).
        Assert.Equal(
        [
            ("hsrp_active", "notice", "192.168.0.10", Point("2008-06-19 05:47:25.764806")),
            ("hsrp_standby", "notice", "192.168.0.30", Point("2008-06-19 05:47:28.532569")),
            ("hsrp_standby", "warning", "192.168.0.10", Point("2008-06-19 05:47:46.037479")),
            ("hsrp_active", "notice", "192.168.0.30", Point("2008-06-19 05:47:46.037985")),
            ("hsrp_standby", "notice", "192.168.0.20", Point("2008-06-19 05:47:56.022233")),
        ], rows.Select(r => (r["kind"].GetString(), r["severity"].GetString(), Router(r["detail"].GetString()!), r["time"].GetInt64())));
        // No device owns 192.168.0.x: the sensor at the --site.
        Assert.All(rows, r => Assert.Equal(("000000", "it-tap"), (r["site"].GetString(), r["device"].GetString())));
    }

    private static string Router(string detail)
    {
        int at = detail.IndexOf("router=", StringComparison.Ordinal) + "router=".Length;
        return detail[at..detail.IndexOf(' ', at)];
    }

    [Fact]
    public async Task Replaying_vrrp_pcap_stores_master_changes_and_packet_counts_in_influxdb()
    {
        var (code, output) = await ReplayAsync(SharedData.Path("pcap/vrrp/vrrp.pcap"), "--site", "000000", "--sensor", "it-tap");
        Assert.True(code == 0, output);
        Assert.Contains("packets    165 read", output);
        Assert.Contains("vrrp_master=35", output);

        // The process exits only once everything is in InfluxDB: no waiting here.
        var query = new InfluxQuery(_influx.Url);
        Assert.Equal(35, await query.ScalarAsync("select count(message) from event where kind = 'vrrp_master'"));
        Assert.Equal(30, await query.ScalarAsync("select count(message) from event where kind = 'vrrp_backup'"));
        var rows = await query.RowsAsync("select device, site, line, detail from event where kind = 'vrrp_master' and device = 'vrrp-rt92'");
        // Frame 14 (vrid 42), 15 (vrid 43) and 16 (vrid 44): 10.0.0.92 preempts with priority 192.
        Assert.Equal(3, rows.Count);
        Assert.Equal(Point("2014-03-05 21:55:34.773565"), rows[0]["time"].GetInt64());
        Assert.Equal("352012", rows[0]["site"].GetString());
        Assert.Equal("backup", rows[0]["line"].GetString());
        Assert.Contains("vrid=42", rows[0]["detail"].GetString());
        // IPv6 link-local masters belong to no device: the sensor at the --site.
        Assert.Equal(14, await query.ScalarAsync("select count(message) from event where kind = 'vrrp_master' and device = 'it-tap' and site = '000000'"));

        Assert.Equal(165, await query.ScalarAsync("select sum(packets) from packets where sensor = 'it-tap'"));
        Assert.Equal(165, await query.ScalarAsync("select sum(packets) from packets where proto = 'vrrp' and site = '000000'"));
        var first = await query.RowsAsync("select packets from packets where proto = 'vrrp' order by time limit 1");
        Assert.Equal(Point("2014-03-05 21:55:00"), first[0]["time"].GetInt64()); // windows at packet time, not now
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error()
    {
        var (code, output) = await ReplayAsync(Path.Combine(_dir, "nope.pcap"));
        Assert.Equal(1, code);
        Assert.Contains("nope.pcap: no such file", output);
    }

    [Fact]
    public async Task A_file_that_is_not_a_capture_is_a_clear_error()
    {
        var path = Path.Combine(_dir, "notes.txt");
        await File.WriteAllTextAsync(path, "these are not packets, just some words in a file");
        var (code, output) = await ReplayAsync(path);
        Assert.Equal(1, code);
        Assert.Contains("not a pcap or pcapng file", output);
    }

    [Fact]
    public async Task A_truncated_capture_writes_what_is_whole_and_exits_3()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.Path("pcap/vrrp/vrrp.pcap"));
        var path = Path.Combine(_dir, "cut.pcap");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length - 10)]);
        var (code, output) = await ReplayAsync(path, "--site", "000000", "--sensor", "cut-tap");
        Assert.True(code == 3, output);
        Assert.Contains("cut short", output);
        Assert.Equal(164, await new InfluxQuery(_influx.Url).ScalarAsync("select sum(packets) from packets where sensor = 'cut-tap'"));
    }

    [Fact]
    public async Task A_site_not_in_the_inventory_names_the_key()
    {
        var (code, output) = await ReplayAsync(SharedData.Path("pcap/vrrp/vrrp.pcap"), "--site", "999999");
        Assert.Equal(2, code);
        Assert.Contains("Collector:Capture:Site", output);
    }

    private static long Point(string utc) =>
        NetOps.Core.Influx.Point.ToNanoseconds(DateTimeOffset.Parse(utc + "Z", CultureInfo.InvariantCulture));
}
