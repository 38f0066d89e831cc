using System.Text.Json;
using NetOps.Analyzer.Anomaly;
using NetOps.Analyzer.Attacks;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Attacks;

/// <summary>
/// A weekday of ordinary traffic at two municipalities (<see cref="QuietDay"/>, through the collector's stages, into a
/// real InfluxDB) gives none of the four attack detectors nor the traffic anomaly model anything to report over 288
/// five-minute windows, while every site's baselines warm up; then an attack the next morning is still found, against those baselines.
/// </summary>
public sealed class QuietDayTests(SharedInfluxFixture influx) : IClassFixture<SharedInfluxFixture>
{
    // Tuesday 2026-11-24, 00:00 JST.
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly string[] Detectors =
        [PortScanDetector.DetectorName, SynFloodDetector.DetectorName, BruteForceDetector.DetectorName, DenySurgeDetector.DetectorName, TrafficAnomalyDetector.DetectorName];

    private static async Task WriteDayAsync(AttackRunner runner, QuietDay day, DateTimeOffset from, DateTimeOffset to, Dictionary<string, long> counts)
    {
        var points = new List<Point>();
        for (long ns = Point.ToNanoseconds(from); ns < Point.ToNanoseconds(to); ns += QuietDay.WindowNs)
        {
            day.Window(ns, points);
            if (points.Count >= 20_000) await FlushAsync();
        }
        day.Finish(points);
        await FlushAsync();

        async Task FlushAsync()
        {
            foreach (var p in points) counts[p.Measurement] = counts.GetValueOrDefault(p.Measurement) + 1;
            await runner.WriteAsync(points);
            points.Clear();
        }
    }

    [Fact]
    public async Task A_quiet_day_is_no_attack_and_a_scan_the_next_morning_is_found_against_the_learned_baseline()
    {
        string database = influx.NewDatabaseName("quiet_day");
        var day = new QuietDay(Start);
        using var runner = new AttackRunner(influx.Url, database, inventory: day.Inventory);
        await runner.CreateDatabaseAsync(database);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await WriteDayAsync(runner, day, Start, Start.AddDays(1), counts);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")));
        // The day really has traffic of every kind the detectors read.
        Assert.True(counts.GetValueOrDefault(Measurements.Packets) > 10_000);
        Assert.True(counts.GetValueOrDefault(Measurements.ScanTop) > 10_000);
        Assert.True(counts.GetValueOrDefault(Measurements.Firewall) > 10_000);
        Assert.True(counts.GetValueOrDefault(Measurements.Flow) > 10_000);
        Assert.True(counts.GetValueOrDefault(Measurements.Event) >= 1);

        foreach (var name in Detectors)
        {
            var found = await runner.RunAsync(name, Start, Start.AddDays(1), TimeSpan.FromMinutes(5));
            Assert.True(found.Count == 0, $"{name}: " + string.Join(" | ", found.Select(d => $"{d.Time:o} {d.Site} {d.Message}")));
        }
        // Every site's baselines warmed up over the day (brute force only learns where failures happened).
        foreach (var name in new[] { PortScanDetector.DetectorName, SynFloodDetector.DetectorName, DenySurgeDetector.DetectorName })
        {
            var state = JsonSerializer.Deserialize<BaselineState>(runner.State(name)!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            TestContext.Current.TestOutputHelper?.WriteLine($"{name}: " + string.Join(", ", state.Baselines.Select(b => $"{b.Key} median {b.Value.Median:0.##} MAD {b.Value.Mad:0.##} n={b.Value.Samples}")));
            foreach (var (code, _, _) in QuietDay.Sites)
                Assert.Contains(state.Baselines, b => b.Key.StartsWith(code, StringComparison.Ordinal) && b.Value.Samples >= 200);
        }

        // The anomaly model watched both sites' primary lines all day (past its warm-up) and found nothing unusual.
        var anomaly = JsonSerializer.Deserialize<TrafficAnomalyState>(runner.State(TrafficAnomalyDetector.DetectorName)!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        foreach (var (code, _, _) in QuietDay.Sites)
            Assert.True(anomaly.Series.TryGetValue($"{code}/primary", out var series) && series.Count >= 280,
                $"{code}: " + string.Join(", ", anomaly.Series.Select(kv => $"{kv.Key} n={kv.Value.Count}")));

        // 09:00 JST the next day: ordinary traffic, and one inside host SYN-probing 500 ports of a server at 09:02.
        var morning = Start.AddDays(1).AddHours(9);
        day.Scan = ("352021", Point.ToNanoseconds(morning.AddMinutes(2)), QuietDay.Ip(10, 36, 1, 66), QuietDay.Ip(10, 0, 1, 5), 500);
        await WriteDayAsync(runner, day, Start.AddDays(1), morning.AddMinutes(10), counts);
        await runner.RunAsync(PortScanDetector.DetectorName, Start.AddDays(1), morning, TimeSpan.FromMinutes(5));
        var scans = await runner.RunAsync(PortScanDetector.DetectorName, morning, morning.AddMinutes(5), TimeSpan.FromMinutes(5));
        var scan = Assert.Single(scans);
        Assert.Equal("352021", scan.Site);
        Assert.StartsWith("10.36.1.66 reached ", scan.Message);
        Assert.InRange(scan.Value!.Value, 450, 550);
        Assert.Equal(morning.AddMinutes(2), scan.Time, TimeSpan.FromSeconds(10));
        Assert.Contains(scan.Evidence, e => e.Source == "baseline" && e.Detail!.Contains("from the site's median", StringComparison.Ordinal));
    }
}
