using System.Diagnostics;
using System.Text;
using NetOps.Analyzer.Attacks;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Attacks;

/// <summary>
/// The attack captures of INDEX.md replayed by the real collector (<c>netops replay</c>, a process) into a real
/// InfluxDB, then the detectors over the windows that cover them: what the collector stored is enough for the
/// analyzer in another process to find each attack, once, with the attacker in the evidence.
/// </summary>
public sealed class AttackReplayTests(SharedInfluxFixture influx) : IClassFixture<SharedInfluxFixture>, IDisposable
{
    private const string Site = "352012";
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-attack-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>Replays <paramref name="pcap"/> at site 352012 into a database of its own; answers the database.</summary>
    private async Task<string> ReplayAsync(string pcap)
    {
        string database = influx.NewDatabaseName("attack");
        var inventory = TestInventory.Write(_dir);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir };
        psi.ArgumentList.Add(NetOpsProcess.HostDll);
        psi.ArgumentList.Add("replay");
        foreach (var a in new[]
                 {
                     SharedData.Path("pcap/" + pcap), "--site", Site, "--sensor", "tap1",
                     $"--DataDir={Path.Combine(_dir, database)}", $"--Influx:Url={influx.Url}", $"--Influx:Database={database}",
                     $"--Inventory:Path={inventory}", "--Influx:FlushIntervalMs=100",
                 })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await p.WaitForExitAsync(cts.Token);
        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        Assert.True(p.ExitCode == 0, output);
        return database;
    }

    /// <summary>Runs <paramref name="detector"/> over one-minute windows from a minute before the capture to a minute after.</summary>
    private async Task<List<Detection>> DetectAsync(string database, string detector, string firstUtc, string lastUtc)
    {
        using var runner = new AttackRunner(influx.Url, database);
        var from = AttackRunner.Minute(DateTimeOffset.Parse(firstUtc + "Z", System.Globalization.CultureInfo.InvariantCulture)).AddMinutes(-1);
        var to = AttackRunner.Minute(DateTimeOffset.Parse(lastUtc + "Z", System.Globalization.CultureInfo.InvariantCulture)).AddMinutes(2);
        return await runner.RunAsync(detector, from, to, TimeSpan.FromMinutes(1));
    }

    private static void AssertFound(List<Detection> detections, DetectionKind kind, string detector)
    {
        Assert.NotEmpty(detections);
        foreach (var d in detections) TestContext.Current.TestOutputHelper?.WriteLine($"{d.Time:o} {d.Kind.ToTag()} score {d.Score:0.0}: {d.Message}");
        Assert.All(detections, d =>
        {
            Assert.Equal(Site, d.Site);
            Assert.Equal(kind, d.Kind);
            Assert.Equal(detector, d.Detector);
            Assert.True(d.Score >= 1, d.Message);
            Assert.True(d.Value >= d.Expected, d.Message);
            Assert.NotEmpty(d.Evidence);
        });
        // One detection per site and window, never one per packet or per source.
        Assert.Equal(detections.Count, detections.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public async Task The_nmap_scan_is_a_port_scan_by_its_source_and_not_a_syn_flood()
    {
        var db = await ReplayAsync("attack/nmap-syn-scan-1000-ports.pcap");

        var scans = await DetectAsync(db, PortScanDetector.DetectorName, "2010-07-04 20:24:16", "2010-07-04 20:24:39");
        AssertFound(scans, DetectionKind.PortScan, "port_scan");
        var scan = scans[0];
        Assert.StartsWith("172.16.0.8 reached ", scan.Message);
        Assert.Contains(" on 1 host ", scan.Message);
        Assert.Contains(scan.Evidence, e => e.Source == "feature" && e.Detail!.StartsWith("172.16.0.8:", StringComparison.Ordinal));
        Assert.True(scan.Time >= DateTimeOffset.Parse("2010-07-04T20:24:10Z") && scan.Time <= DateTimeOffset.Parse("2010-07-04T20:24:39Z"), scan.Time.ToString("o"));
        Assert.True(scans.Count <= 2, string.Join(" | ", scans.Select(s => s.Message))); // 23 s: one or two one-minute windows

        // About 100 SYNs/s with SYN-ACKs from the open ports: below the SYN flood floor.
        Assert.Empty(await DetectAsync(db, SynFloodDetector.DetectorName, "2010-07-04 20:24:16", "2010-07-04 20:24:39"));
    }

    [Fact]
    public async Task The_masscan_scan_is_a_port_scan_by_its_source()
    {
        var db = await ReplayAsync("attack/masscan-syn-scan-ports-0-1000.pcap");

        var scans = await DetectAsync(db, PortScanDetector.DetectorName, "2019-08-21 18:16:47", "2019-08-21 18:16:57");
        AssertFound(scans, DetectionKind.PortScan, "port_scan");
        Assert.Single(scans);
        Assert.StartsWith("172.31.15.102 reached ", scans[0].Message);
        Assert.InRange(scans[0].Value!.Value, 100, 1100);
        Assert.Equal(100, scans[0].Expected); // cold start: the floor
    }

    [Fact]
    public async Task The_spoofed_syn_flood_is_a_syn_flood_and_none_of_its_sources_is_a_scanner()
    {
        var db = await ReplayAsync("attack/syn-flood-spoofed-sources.pcap");

        var floods = await DetectAsync(db, SynFloodDetector.DetectorName, "2021-04-28 10:30:21", "2021-04-28 10:30:44");
        AssertFound(floods, DetectionKind.SynFlood, "syn_flood");
        var flood = Assert.Single(floods);
        Assert.True(flood.Value > 1000, flood.Message);
        Assert.Contains("with 0 SYN-ACKs back", flood.Message);
        Assert.Contains(flood.Evidence, e => e.Source == "packets" && e.Kind == "syn" && e.Value > 10_000);
        // The sources are in the evidence, each with its one SYN: no single one stands out.
        Assert.Contains(flood.Evidence, e => e.Source == "feature" && e.Kind == "syns");

        Assert.Empty(await DetectAsync(db, PortScanDetector.DetectorName, "2021-04-28 10:30:21", "2021-04-28 10:30:44"));
    }

    [Fact]
    public async Task The_ecn_cwr_syn_flood_is_a_syn_flood()
    {
        var db = await ReplayAsync("attack/syn-flood-ecn-cwr.pcap");

        var floods = await DetectAsync(db, SynFloodDetector.DetectorName, "2021-04-01 15:55:45", "2021-04-01 15:56:20");
        AssertFound(floods, DetectionKind.SynFlood, "syn_flood");
        Assert.Contains(floods, f => f.Value > 500);
        Assert.All(floods, f => Assert.Contains(f.Evidence, e => e.Source == "baseline" && e.Detail!.Contains("no baseline yet", StringComparison.Ordinal)));
    }
}
