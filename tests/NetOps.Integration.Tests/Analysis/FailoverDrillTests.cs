using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

using Found = NetOps.Integration.Tests.Support.DetectionsApi.Found;

namespace NetOps.Integration.Tests.Analysis;

/// <summary>
/// The crisis drill (危機管理対応訓練) through the real collector: Cisco syslog from the primary router (link and BGP
/// down), the backup router's VRRP change, NetFlow v5 moving from the primary router's export to the backup's, then
/// the switchback. Three phase detections, in order, once each, with durations and all their evidence; once with
/// collector and analyzer in one process (in memory), once in two processes that meet in InfluxDB and PostgreSQL.
/// </summary>
public sealed class FailoverDrillTests(ITestOutputHelper output, SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private const string Site = "352012";
    private static readonly string[] FastFlows =
    [
        "--Collector:Flows:AggregationSeconds=1", "--Analyzer:Failover:TrafficBucketSeconds=1", "--Analyzer:Failover:MinCarryingBytes=1000",
        "--Analyzer:Failover:SilenceSeconds=0",
    ];

    [Fact]
    public async Task A_drill_in_one_process_gives_the_three_phases_in_order_within_seconds()
    {
        await using var influx = await InfluxServer.StartNewAsync();
        var dir = Directory.CreateTempSubdirectory("netops-drill-").FullName;
        var token = await NetOpsCli.UserWithTokenAsync(dir, "noc", "operator", extra: [$"--Inventory:Path={TestInventory.Write(dir)}"]);
        int netflow = TestPorts.Next();
        await using var netOps = await NetOpsProcess.StartAsync(influx.Url, dir, null,
            [$"--Inventory:Path={TestInventory.Write(dir)}", $"--Collector:NetFlow:Port={netflow}", .. FastFlows]);

        var times = await RunDrillAsync(netOps.SyslogPort, netflow);
        var detections = await WaitForPhasesAsync(netOps, token, TimeSpan.FromSeconds(30));
        AssertDrill(detections, times);
        var started = detections.Single(d => d.Kind == "failover_started");
        var latency = started.RecordedAt - started.Time;
        output.WriteLine($"in-process latency, first evidence to failover_started stored: {latency.TotalMilliseconds:0} ms");
        Assert.True(latency < TimeSpan.FromSeconds(10), $"failover_started stored {latency} after its first evidence");

        // A re-run over the drill (the window detector, from InfluxDB) finds the same three and stores none again.
        var rerun = (await NetOpsCli.RunAsync(dir, ["analyze", "--from", times.Down.AddMinutes(-1).ToString("O"), "--to", DateTimeOffset.UtcNow.ToString("O"), "--detector", "failover"],
            null, [$"--Inventory:Path={TestInventory.Write(dir)}", $"--Influx:Url={influx.Url}", "--Analyzer:WindowSeconds=10", .. FastFlows])).EnsureSuccess();
        var counts = System.Text.RegularExpressions.Regex.Match(rerun.Stdout, @"(\d+) findings, (\d+) new");
        Assert.True(counts.Success && int.Parse(counts.Groups[1].Value) >= 3 && counts.Groups[2].Value == "0", rerun.Stdout + rerun.Stderr);
        Assert.Equal(3, (await new DetectionsApi(netOps, token, Site).DetectionsAsync()).Count);

        var site = await new DetectionsApi(netOps, token, Site).SiteAsync();
        Assert.Equal("up", site.GetProperty("state").GetString());
        Assert.Equal("primary", site.GetProperty("activeLine").GetString());
    }

    [Fact]
    public async Task A_drill_with_collector_and_analyzer_apart_gives_the_same_phases_one_window_later()
    {
        await using var influx = await InfluxServer.StartNewAsync();
        var connection = await postgres.CreateDatabaseAsync("drill");
        string[] stateDb = ["--StateDb:Provider=postgres", $"--StateDb:ConnectionString={connection}"];
        var collectorDir = Directory.CreateTempSubdirectory("netops-drill-c-").FullName;
        var analyzerDir = Directory.CreateTempSubdirectory("netops-drill-a-").FullName;
        var inventory = TestInventory.Write(collectorDir);
        var token = await NetOpsCli.UserWithTokenAsync(analyzerDir, "noc", "operator", extra: [.. stateDb, $"--Inventory:Path={inventory}"]);
        int netflow = TestPorts.Next();
        await using var collector = await NetOpsProcess.StartAsync(influx.Url, collectorDir, null,
            ["--Roles=collector,dashboard", $"--Inventory:Path={inventory}", $"--Collector:NetFlow:Port={netflow}", .. stateDb, .. FastFlows]);
        await using var analyzer = await NetOpsProcess.StartAsync(influx.Url, analyzerDir, null,
            ["--Roles=analyzer,dashboard", "--Collector:Syslog:Port=0", .. stateDb, .. FastFlows,
             "--Analyzer:WindowSeconds=5", "--Analyzer:LagSeconds=3", "--Analyzer:RunEverySeconds=1", "--Analyzer:BackfillMinutes=1"]);

        var times = await RunDrillAsync(collector.SyslogPort, netflow);
        var detections = await WaitForPhasesAsync(analyzer, token, TimeSpan.FromSeconds(60));
        AssertDrill(detections, times);
        var started = detections.Single(d => d.Kind == "failover_started");
        output.WriteLine($"split latency, first evidence to failover_started stored: {(started.RecordedAt - started.Time).TotalMilliseconds:0} ms");
        Assert.True(await analyzer.MetricAsync("netops_analyzer_windows_total", ("detector", "failover"), ("outcome", "done")) > 0);
        Assert.Equal(0, await collector.MetricAsync("netops_analyzer_windows_total", ("detector", "failover"), ("outcome", "done")));
    }

    [Fact]
    public async Task An_analyzer_killed_mid_drill_resumes_from_its_watermark_and_stores_each_phase_once()
    {
        await using var influx = await InfluxServer.StartNewAsync();
        var connection = await postgres.CreateDatabaseAsync("restart");
        string[] stateDb = ["--StateDb:Provider=postgres", $"--StateDb:ConnectionString={connection}"];
        var collectorDir = Directory.CreateTempSubdirectory("netops-restart-c-").FullName;
        var analyzerDir = Directory.CreateTempSubdirectory("netops-restart-a-").FullName;
        var inventory = TestInventory.Write(collectorDir);
        var token = await NetOpsCli.UserWithTokenAsync(analyzerDir, "noc", "operator", extra: [.. stateDb, $"--Inventory:Path={inventory}"]);
        int netflow = TestPorts.Next();
        string[] analyzerArgs =
        [
            "--Roles=analyzer,dashboard", "--Collector:Syslog:Port=0", .. stateDb, .. FastFlows,
            "--Analyzer:WindowSeconds=2", "--Analyzer:LagSeconds=3", "--Analyzer:RunEverySeconds=1", "--Analyzer:BackfillMinutes=1",
        ];
        await using var collector = await NetOpsProcess.StartAsync(influx.Url, collectorDir, null,
            ["--Roles=collector,dashboard", $"--Inventory:Path={inventory}", $"--Collector:NetFlow:Port={netflow}", .. stateDb, .. FastFlows]);
        await using var first = await NetOpsProcess.StartAsync(influx.Url, analyzerDir, null, analyzerArgs);

        var drill = RunDrillAsync(collector.SyslogPort, netflow);
        // SIGKILL as soon as the failover is stored: the backup's carrying and the switchback are still to come, and
        // only the persisted watermark and state can join them to it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await new DetectionsApi(first, token, Site).DetectionsAsync()).Any(d => d.Kind == "failover_started"))
        {
            Assert.True(DateTime.UtcNow < deadline, "no failover_started before the kill:\n" + first.Output);
            await Task.Delay(200);
        }
        double doneBefore = await first.MetricAsync("netops_analyzer_windows_total", ("detector", "failover"), ("outcome", "done"));
        first.Kill9();
        output.WriteLine($"killed after {doneBefore} failover windows");

        await using var second = await NetOpsProcess.StartAsync(influx.Url, analyzerDir, null, analyzerArgs);
        var times = await drill;
        var detections = await WaitForPhasesAsync(second, token, TimeSpan.FromSeconds(60));
        AssertDrill(detections, times); // each phase once, in order, with the durations that span the kill
        Assert.True(await second.MetricAsync("netops_analyzer_windows_total", ("detector", "failover"), ("outcome", "done")) > 0);
        Assert.DoesNotContain("analysed by another node", second.Output);
    }

    /// <summary>Plays the drill; answers when the primary went down and when it came back (the syslog lines' send times).</summary>
    private static async Task<(DateTimeOffset Down, DateTimeOffset Up)> RunDrillAsync(int syslogPort, int netflowPort)
    {
        using var rt1 = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0));
        using var rt2 = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        var syslog = new IPEndPoint(IPAddress.Loopback, syslogPort);
        var flows = new IPEndPoint(IPAddress.Loopback, netflowPort);
        uint seq1 = 0, seq2 = 0;

        async Task ExportAsync(UdpClient router, Func<uint> sequence, TimeSpan during)
        {
            var end = DateTime.UtcNow + during;
            while (DateTime.UtcNow < end)
            {
                await router.SendAsync(FlowPackets.V5(sequence(), 20), flows);
                await Task.Delay(200);
            }
        }
        Task Log(UdpClient router, string host, string text) =>
            router.SendAsync(Encoding.UTF8.GetBytes($"<187>{DateTime.UtcNow:MMM dd HH:mm:ss} {host} {text}"), syslog).AsTask();

        await ExportAsync(rt1, () => seq1 += 20, TimeSpan.FromSeconds(3));
        var down = DateTimeOffset.UtcNow;
        await Log(rt1, "shimonoseki-rt1", "123: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down");
        await Log(rt1, "shimonoseki-rt1", "124: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0, changed state to down");
        await Log(rt2, "shimonoseki-rt2", "77: %VRRP-6-STATECHANGE: Gi0/1 Grp 1 state Backup -> Master");
        await ExportAsync(rt2, () => seq2 += 20, TimeSpan.FromSeconds(1.5));
        await Log(rt1, "shimonoseki-rt1", "125: %BGP-5-ADJCHANGE: neighbor 10.35.0.1 Down BGP Notification sent");
        await ExportAsync(rt2, () => seq2 += 20, TimeSpan.FromSeconds(2.5));
        var up = DateTimeOffset.UtcNow;
        await Log(rt1, "shimonoseki-rt1", "126: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up");
        await Log(rt1, "shimonoseki-rt1", "127: %VRRP-6-STATECHANGE: Gi0/0 Grp 1 state Backup -> Master");
        await Log(rt2, "shimonoseki-rt2", "78: %VRRP-6-STATECHANGE: Gi0/1 Grp 1 state Master -> Backup");
        await ExportAsync(rt1, () => seq1 += 20, TimeSpan.FromSeconds(4));
        return (down, up);
    }

    // The switchback's evidence grows once more when the primary's traffic comes in.
    private static Task<List<Found>> WaitForPhasesAsync(NetOpsProcess netOps, string token, TimeSpan timeout) =>
        new DetectionsApi(netOps, token, Site).WaitForAsync(
            found => found.Any(d => d.Kind == "switchback" && d.Json.GetProperty("evidence").EnumerateArray().Any(e => e.GetProperty("source").GetString() == "flow")),
            timeout, "a complete drill");

    private static void AssertDrill(List<Found> detections, (DateTimeOffset Down, DateTimeOffset Up) times)
    {
        string[] phases = ["failover_started", "backup_carrying", "switchback"];
        // A VRRP change in the same syslog second as the link-down: the backup carried within that second.
        detections = [.. detections.OrderBy(d => d.Time).ThenBy(d => Array.IndexOf(phases, d.Kind))];
        var kinds = detections.Select(d => d.Kind).ToList();
        Assert.True(kinds.SequenceEqual(phases),
            "found: " + string.Join("; ", detections.OrderBy(d => d.Time).Select(d => $"{d.Time:HH:mm:ss.fff} {d.Kind} {d.Json.GetProperty("message").GetString()}")));
        var started = detections[0].Kind == "failover_started" ? detections[0] : detections.Single(d => d.Kind == "failover_started");
        Assert.InRange(started.Time, times.Down.AddSeconds(-2), times.Down.AddSeconds(2));
        var evidence = started.EvidenceKinds;
        Assert.Contains("link_down", evidence);
        Assert.Contains("bgp_down", evidence);
        var carrying = detections.Single(d => d.Kind == "backup_carrying");
        Assert.Contains("vrrp_master", carrying.EvidenceKinds);
        Assert.Contains("bytes", carrying.EvidenceKinds); // the traffic moved to the backup router's export
        var back = detections.Single(d => d.Kind == "switchback");
        Assert.InRange(back.Time, times.Up.AddSeconds(-2), times.Up.AddSeconds(2));
        var durations = back.Json.GetProperty("durations");
        Assert.InRange(durations.GetProperty("onBackup").GetDouble(), 2, 10);
        Assert.InRange(durations.GetProperty("takeover").GetDouble(), 0, 2);
        Assert.Contains("link_up", back.EvidenceKinds);
        Assert.Contains("bytes", back.EvidenceKinds);
    }
}
