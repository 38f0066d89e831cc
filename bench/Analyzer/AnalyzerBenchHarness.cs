using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Analyzer;
using NetOps.Analyzer.Failover;
using NetOps.Analyzer.Windows;
using NetOps.Bench.Ingest;
using NetOps.Core.Detections;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.State;

namespace NetOps.Bench.Analyzer;

/// <summary>
/// <c>bench analyzer</c>: every window detector registered in DI (whatever <c>AddAnalyzerServices</c> adds) over a
/// private influxd holding a week of history for N sites × 2 lines; one 60 s cycle's time and InfluxDB queries per
/// detector, repeated; then the in-process failover path's latency from the event to the stored detection.
/// </summary>
public static class AnalyzerBenchHarness
{
    private const string Usage = """
        Usage: bench analyzer [--sites N] [--days D] [--history-step M] [--cycles C] [--warm W] [--scan-top K] [--warm-scan-top K]
                              [--failovers F] [--rate R] [--keep]
          --sites          municipality-directory entries (default all 1788), each a site with rt1 (primary), rt2 (backup), fw1; plus the centre
          --days           days of coarse flow history (default 7), analysed in 1-day windows to warm the detectors
          --history-step   minutes between a history point and the next, per exporter (default 30)
          --cycles         measured 60 s cycles (default and least 3: failovers, attacks and switchbacks fall in them)
          --warm           detailed 60 s windows analysed before them (default 12: the attack baselines count from 12 windows)
          --scan-top       scan_top sources per site and 10 s collector window in the measured minutes (default 10, the collector's)
          --warm-scan-top  … in the warm-up minutes (default 3: they only feed the baselines; fewer points to write)
          --failovers      link_down events fed to the in-process path (default 1000)
          --rate           of them per second (default 200)
          --keep           keep influxd's data, the state DB and the logs
        """;

    private const string Database = "netops_bench";

    public static async Task<int> RunAsync(string[] args)
    {
        int siteCount = MunicipalityDirectory.Entries.Count, days = 7, historyStep = 30, cycles = 3, warm = 12, scanTop = 10, warmScanTop = 3, failovers = 1000;
        double rate = 200;
        bool keep = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case "--sites" when i + 1 < args.Length: siteCount = Math.Clamp(Int(args[++i]), 1, MunicipalityDirectory.Entries.Count); break;
                case "--days" when i + 1 < args.Length: days = Math.Max(1, Int(args[++i])); break;
                case "--history-step" when i + 1 < args.Length: historyStep = Math.Max(1, Int(args[++i])); break;
                case "--warm-scan-top" when i + 1 < args.Length: warmScanTop = Math.Clamp(Int(args[++i]), 0, 100); break;
                case "--cycles" when i + 1 < args.Length: cycles = Math.Max(3, Int(args[++i])); break; // the scenario needs three
                case "--warm" when i + 1 < args.Length: warm = Math.Max(0, Int(args[++i])); break;
                case "--scan-top" when i + 1 < args.Length: scanTop = Math.Clamp(Int(args[++i]), 0, 100); break;
                case "--failovers" when i + 1 < args.Length: failovers = Math.Max(0, Int(args[++i])); break;
                case "--rate" when i + 1 < args.Length: rate = Math.Max(1, double.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--keep": keep = true; break;
                default: Console.Error.WriteLine($"bench analyzer: unknown option '{args[i]}'\n{Usage}"); return 2;
            }
        }
        if (InfluxPeer.FindBinary() is not { } influxd)
        {
            Console.Error.WriteLine("bench analyzer: needs influxd (Debian influxdb); run ./netops bench analyzer, which installs it");
            return 2;
        }

        var children = new ChildProcessSet();
        using var cancel = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (cancel.IsCancellationRequested) { children.KillAll(); Environment.Exit(130); }
            cancel.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var temp = Directory.CreateTempSubdirectory("netops-bench-analyzer-");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var total = Stopwatch.StartNew();
        try
        {
            Progress("starting influxd");
            await using var influx = await InfluxPeer.StartAsync(influxd, Path.Combine(temp.FullName, "influxdb"), new PortAllocator(), children, http, cancel.Token);

            var sites = DemoInventory.GenerateSites(MunicipalityDirectory.Entries.Take(siteCount).ToList());
            var inventoryPath = Path.Combine(temp.FullName, "inventory.json");
            new SiteInventory(sites).Save(inventoryPath);
            using var host = Build(temp.FullName, influx.Url, inventoryPath);
            // Migrate and seed the inventory first, as the service's start-up check does before anything reads the DB.
            await host.Services.GetRequiredService<StateDbInitializer>().EnsureReadyAsync(cancel.Token);
            await host.StartAsync(cancel.Token);
            var sp = host.Services;
            var counting = sp.GetRequiredService<CountingInfluxClient>();
            await counting.CreateDatabaseAsync(Database, cancel.Token);

            var end = WindowRunner.Align(DateTimeOffset.UtcNow, AnalyzerBenchData.Window);
            var data = new AnalyzerBenchData(sites, end, days, TimeSpan.FromMinutes(historyStep), warm, cycles, scanTop, warmScanTop);
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"bench analyzer: {sites.Count:N0} sites ({siteCount:N0} municipalities and prefectures + the national centre) × 2 lines + a firewall, {days} days of history, {Environment.ProcessorCount} cores");

            // 1. History and the detailed minutes, written separately.
            Progress($"writing {days} days of flow history");
            var (historyPoints, historyBytes, historyTime) = await WriteAsync(counting, w => data.WriteHistoryAsync(w), cancel.Token);
            Progress($"writing {warm + cycles} detailed minutes");
            var (detailPoints, detailBytes, detailTime) = await WriteAsync(counting, w => data.WriteDetailAsync(w), cancel.Token);
            report.AppendLine();
            report.AppendLine("Write (line protocol through IInfluxClient.WriteAsync, 20,000 points a request, 2 in flight):");
            Table(report,
            [
                ["data", "range", "points", "MB", "seconds", "points/s"],
                [$"flow history (1 point/exporter/{historyStep} min)", $"{data.HistoryStart:MM-dd HH:mm} to {data.DetailStart:MM-dd HH:mm}Z", N(historyPoints), Mb(historyBytes), S(historyTime), N(historyPoints / historyTime.TotalSeconds)],
                [$"detailed minutes (flow/10 s, packets, firewall, scan_top×{warmScanTop} warm-up/×{scanTop} measured, events)", $"{data.DetailStart:HH:mm} to {end:HH:mm}Z", N(detailPoints), Mb(detailBytes), S(detailTime), N(detailPoints / detailTime.TotalSeconds)],
            ]);
            report.AppendLine(CultureInfo.InvariantCulture, $"  per detailed minute: {N(detailPoints / (double)(warm + cycles))} points");

            var detectors = sp.GetServices<IWindowDetector>().ToList();
            var states = detectors.ToDictionary(d => d.Name, _ => (string?)null);

            // 2. Warm-up: the history in 1-day windows, then the detailed minutes before the measured ones in 60 s windows.
            Progress($"warming {detectors.Count} detectors ({string.Join(", ", detectors.Select(d => d.Name))}) over the history in 1-day windows");
            var warmWeek = await WarmAsync(detectors, states, counting, data.HistoryStart, data.DetailStart, TimeSpan.FromDays(1), cancel.Token);
            Progress($"warming over {warm} detailed 60 s windows");
            var warmDetail = await WarmAsync(detectors, states, counting, data.DetailStart, data.MeasuredStart, AnalyzerBenchData.Window, cancel.Token);
            report.AppendLine();
            report.AppendLine("Warm-up (state carried from window to window, findings counted, not stored):");
            var warmRows = new List<string[]> { new[] { "detector", "history: 1-day windows", "s", "queries", "findings", $"detail: 60 s windows", "s", "queries", "findings" } };
            foreach (var d in detectors)
            {
                var a = warmWeek[d.Name];
                var b = warmDetail[d.Name];
                warmRows.Add([d.Name, N(a.Windows), S(a.Time), N(a.Counts.Queries), N(a.Findings), N(b.Windows), S(b.Time), N(b.Counts.Queries), N(b.Findings)]);
            }
            Table(report, warmRows);

            // 3. The measured cycles: each detector's AnalyzeAsync for one 60 s window over all sites, in the runner's order.
            Progress($"timing {cycles} cycles");
            var sink = sp.GetRequiredService<IDetectionSink>();
            var perDetector = detectors.ToDictionary(d => d.Name, _ => new List<(TimeSpan Time, InfluxCounts Counts, int Findings)>());
            var cycleTimes = new List<TimeSpan>();
            var cycleQueries = new List<long>();
            var storeTimes = new List<TimeSpan>();
            int stored = 0;
            for (int c = 0; c < cycles; c++)
            {
                var window = new AnalysisWindow(data.MeasuredStart + c * AnalyzerBenchData.Window, data.MeasuredStart + (c + 1) * AnalyzerBenchData.Window);
                var cycleWatch = Stopwatch.StartNew();
                var before = counting.Snapshot();
                var found = new List<Detection>();
                foreach (var d in detectors)
                {
                    var at = counting.Snapshot();
                    var watch = Stopwatch.StartNew();
                    var result = await d.AnalyzeAsync(window, states[d.Name], cancel.Token);
                    watch.Stop();
                    states[d.Name] = result.StateJson;
                    perDetector[d.Name].Add((watch.Elapsed, counting.Snapshot() - at, result.Detections.Count));
                    found.AddRange(result.Detections);
                }
                cycleTimes.Add(cycleWatch.Elapsed);
                cycleQueries.Add((counting.Snapshot() - before).Queries);
                var storeWatch = Stopwatch.StartNew();
                stored += await sink.PublishAsync(found, cancel.Token);
                storeTimes.Add(storeWatch.Elapsed);
            }
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"One cycle: every detector's AnalyzeAsync for one 60 s window over all {sites.Count:N0} sites, {cycles} consecutive windows ({data.MeasuredStart:HH:mm} to {end:HH:mm}Z):");
            var rows = new List<string[]> { new[] { "detector", "median ms", "max ms", "queries/cycle", "statements", "rows/cycle (median)", "InfluxDB ms (median)", "findings (all cycles)", "state JSON KB" } };
            foreach (var d in detectors)
            {
                var runs = perDetector[d.Name];
                rows.Add([d.Name, Ms(Median(runs.Select(r => r.Time))), Ms(runs.Max(r => r.Time)),
                    Range(runs.Select(r => r.Counts.Queries)), Range(runs.Select(r => r.Counts.Statements)),
                    N(Median(runs.Select(r => (double)r.Counts.Rows))), Ms(Median(runs.Select(r => r.Counts.QueryTime))),
                    N(runs.Sum(r => r.Findings)), Kb(Encoding.UTF8.GetByteCount(states[d.Name] ?? ""))]);
            }
            rows.Add(["cycle (all detectors)", Ms(Median(cycleTimes)), Ms(cycleTimes.Max()), Range(cycleQueries), "", "", "", N(perDetector.Values.Sum(r => r.Sum(x => x.Findings))),
                Kb(states.Values.Sum(s => Encoding.UTF8.GetByteCount(s ?? "")))]);
            rows.Add(["storing the findings (DetectionStore, SQLite)", Ms(Median(storeTimes)), Ms(storeTimes.Max()), "", "", "", "", $"{N(stored)} new", ""]);
            Table(report, rows);

            // 4. The in-process failover path.
            var o = sp.GetRequiredService<IOptions<AnalyzerOptions>>().Value;
            if (failovers > 0)
            {
                var candidates = sites.Where((s, i) => !data.FailsOver(i) && s.Code != NetOps.Core.Events.Measurements.NationalCentre).Take(failovers).ToList();
                Progress($"feeding {candidates.Count} failovers to the in-process path at {rate:0}/s");
                var latency = await FailoverLatencyProbe.RunAsync(sp, candidates, candidates.Count, rate, states.GetValueOrDefault(FailoverTracker.DetectorName), cancel.Token);
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"In-process failover latency: {latency.Offered:N0} link_down events (primary, stamped now) offered to the PointTap at {rate:0}/s, read by FailoverLiveService, stored by DetectionStore (SQLite); from the offer to DetectionStore.Published of failover_started:");
                Table(report,
                [
                    ["detected", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms"],
                    [$"{latency.Detected:N0} of {latency.Offered:N0}", Ms(latency.Percentile(50)), Ms(latency.Percentile(95)), Ms(latency.Percentile(99)),
                        Ms(latency.SortedMs.LastOrDefault(double.NaN)), Ms(latency.SortedMs.Length == 0 ? double.NaN : latency.SortedMs.Average())],
                ]);
            }
            double cycleS = Median(cycleTimes).TotalSeconds;
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"""
                Window path (analyzer apart from the collector): a failover is found when its window is analysed, i.e. at the
                window's end + Analyzer:LagSeconds + the wait for the next run (up to Analyzer:RunEverySeconds) + the cycle.
                Evidence arriving uniformly within a window of W = {o.WindowSeconds} s, lag L = {o.LagSeconds} s, run every R = {o.RunEverySeconds} s, cycle c = {cycleS:0.00} s (median above):
                  mean ≈ W/2 + L + R/2 + c = {o.WindowSeconds / 2.0:0} + {o.LagSeconds} + {o.RunEverySeconds / 2.0:0.#} + {cycleS:0.00} = {o.WindowSeconds / 2.0 + o.LagSeconds + o.RunEverySeconds / 2.0 + cycleS:0.0} s
                  max  ≈ W + L + R + c   = {o.WindowSeconds} + {o.LagSeconds} + {o.RunEverySeconds} + {cycleS:0.00} = {o.WindowSeconds + o.LagSeconds + o.RunEverySeconds + cycleS:0.0} s
                """);
            report.AppendLine(CultureInfo.InvariantCulture, $"total run {S(total.Elapsed)} s; data in {temp.FullName}{(keep ? "" : " (removed)")}");
            await host.StopAsync(CancellationToken.None);
            Console.WriteLine();
            Console.Write(report.ToString());
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench analyzer: interrupted");
            return 130;
        }
        catch (PeerStartException e)
        {
            Console.Error.WriteLine($"bench analyzer: {e.Message}");
            return 1;
        }
        finally
        {
            children.KillAll();
            if (!keep) { try { temp.Delete(recursive: true); } catch (IOException) { } }
        }
    }

    /// <summary>The analyzer's services as <c>./netops analyze</c> composes them (state DB, InfluxDB, inventory), with the InfluxDB client counted.</summary>
    private static IHost Build(string directory, Uri influx, string inventoryPath)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "NetOps.Bench" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataDir"] = Path.Combine(directory, "netops"),
            ["Roles"] = "analyzer",
            ["Influx:Url"] = influx.ToString().TrimEnd('/'),
            ["Influx:Database"] = Database,
            ["Influx:TimeoutMs"] = "120000",
            ["Inventory:Path"] = inventoryPath,
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error); // its key ring is the state DB's, unused here
        builder.AddNetOpsState(scheduler: false);
        builder.Services.AddInflux();
        builder.Services.AddAnalyzerServices(builder.Configuration, collectorInProcess: false);
        // The in-memory path too, for the latency probe (the window detector stays the failover's IWindowDetector).
        builder.Services.TryAddSingleton<FailoverLiveService>();
        builder.Services.RemoveAll<IInfluxClient>();
        builder.Services.AddSingleton(sp => new CountingInfluxClient(new InfluxHttpClient(new HttpClient(), sp.GetRequiredService<IOptions<InfluxOptions>>())));
        builder.Services.AddSingleton<IInfluxClient>(sp => sp.GetRequiredService<CountingInfluxClient>());
        return builder.Build();
    }

    private static async Task<(long Points, long Bytes, TimeSpan Time)> WriteAsync(IInfluxClient influx, Func<LineBatchWriter, Task<long>> write, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var writer = new LineBatchWriter(influx, cancellationToken);
        long points = await write(writer);
        await writer.CompleteAsync();
        return (points, writer.Bytes, watch.Elapsed);
    }

    private sealed record WarmResult(int Windows, TimeSpan Time, InfluxCounts Counts, int Findings);

    private static async Task<Dictionary<string, WarmResult>> WarmAsync(List<IWindowDetector> detectors, Dictionary<string, string?> states,
        CountingInfluxClient counting, DateTimeOffset from, DateTimeOffset to, TimeSpan length, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, WarmResult>();
        foreach (var d in detectors)
        {
            var at = counting.Snapshot();
            var watch = Stopwatch.StartNew();
            int windows = 0, findings = 0;
            for (var t = from; t < to; t += length)
            {
                var window = new AnalysisWindow(t, t + length < to ? t + length : to);
                var result = await d.AnalyzeAsync(window, states[d.Name], cancellationToken);
                states[d.Name] = result.StateJson;
                findings += result.Detections.Count;
                windows++;
            }
            results[d.Name] = new WarmResult(windows, watch.Elapsed, counting.Snapshot() - at, findings);
        }
        return results;
    }

    private static void Table(StringBuilder sb, IReadOnlyList<string[]> rows)
    {
        int columns = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        for (int r = 0; r < rows.Count; r++)
        {
            sb.Append("  ");
            for (int c = 0; c < rows[r].Length; c++)
            {
                var cell = rows[r][c];
                sb.Append(c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
                if (c < rows[r].Length - 1) sb.Append("  ");
            }
            sb.AppendLine();
            if (r == 0) sb.Append("  ").AppendLine(new string('-', widths.Sum() + 2 * (columns - 1)));
        }
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
    private static TimeSpan Median(IEnumerable<TimeSpan> xs) => TimeSpan.FromTicks((long)Median(xs.Select(x => (double)x.Ticks)));
    private static double Median(IEnumerable<double> xs)
    {
        var a = xs.OrderBy(x => x).ToArray();
        return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }
    private static string Range(IEnumerable<long> xs) { var a = xs.ToArray(); return a.Min() == a.Max() ? N(a[0]) : $"{N(a.Min())}–{N(a.Max())}"; }
    private static string N(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
    private static string Ms(TimeSpan t) => Ms(t.TotalMilliseconds);
    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString(ms < 10 ? "0.00" : "#,0", CultureInfo.InvariantCulture);
    private static string Mb(long bytes) => (bytes / 1e6).ToString("#,0.0", CultureInfo.InvariantCulture);
    private static string Kb(long bytes) => (bytes / 1e3).ToString("#,0.0", CultureInfo.InvariantCulture);
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static void Progress(string message) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench analyzer: [{Clock.Elapsed.TotalSeconds,5:0} s] {message}"));
}
