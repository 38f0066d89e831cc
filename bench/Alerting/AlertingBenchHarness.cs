using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NetOps.Bench.Ingest;
using static NetOps.Bench.Ingest.FigureTable;
using NetOps.Core.Detections;
using NetOps.Core.Inventory;

namespace NetOps.Bench.Alerting;

/// <summary>
/// <c>bench alerting</c>: NetOps' alerting end to end, the real host (alerting role, Release) paging one on-call person
/// through a real SMTP server (aiosmtpd, which logs when it accepts each mail). Latency from a detection to its page
/// accepted, p50/p95/max, with group wait 0: detections stored into the state DB from outside the host (as an analyzer
/// on another node stores them; the engine finds them at its next pass, <c>Alerting:EvaluateSeconds=1</c>) and alerts
/// posted to <c>POST /api/v2/alerts</c> (in-process: the pass runs at once, as it does for a detection of the host's
/// own analyzer). Then bursts of detections across one prefecture's municipalities in one transaction, grouped by
/// prefecture and by the default (prefecture, kind): the mails each makes and the time to the last one; the first two
/// each alone in the engine's 30 s re-read window, a third right after the second; then one more detection, to see
/// that the engine still reads. The engine's passes per second and the host's CPU per phase come from /metrics and /proc.
/// </summary>
public static class AlertingBenchHarness
{
    private const string Usage = """
        Usage: bench alerting [--rounds N] [--posted N] [--burst N] [--keep] [--no-build]
          --rounds    latency rounds through the state DB, one new condition each (default 30)
          --posted    latency rounds through POST /api/v2/alerts (default 10)
          --burst     detections in each burst (default 1000)
          --keep      keep the data directory, logs and the SMTP server's log
          --no-build  do not rebuild the NetOps host
        """;

    private const double TargetP95Seconds = 5;
    private const string LatencyPrefecture = "14"; // 神奈川県, 33 municipalities: each round a new (site, kind)
    private const string BurstPrefecture = "13";   // 東京都, 62 bodies
    private const string DefaultBurstPrefecture = "27"; // 大阪府, 43 bodies
    private const string BackToBackPrefecture = "01"; // 北海道, 179 bodies
    private static readonly DetectionKind[] BurstKinds = [DetectionKind.PortScan, DetectionKind.BruteForce, DetectionKind.DenySurge, DetectionKind.SynFlood, DetectionKind.Anomaly];
    private static readonly DetectionKind[] LatencyKinds = [DetectionKind.PortScan, DetectionKind.BruteForce, DetectionKind.DenySurge];
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = 30, posted = 10, burst = 1_000;
        bool keep = false, noBuild = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 99: rounds = r; i++; break;
                case "--posted" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 33: posted = p; i++; break;
                case "--burst" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var b) && b is > 0 and <= 10_000: burst = b; i++; break;
                case "--keep": keep = true; break;
                case "--no-build": noBuild = true; break;
                default: Console.Error.WriteLine($"bench alerting: unexpected '{args[i]}'\n{Usage}"); return 2;
            }
        }

        var influxd = InfluxPeer.FindBinary();
        if (influxd is null) { Console.Error.WriteLine("bench alerting: needs influxd (Debian influxdb) and python3-aiosmtpd; ./netops ensure_deps test installs them"); return 2; }
        var host = await NetOpsHost.PrepareAsync("alerting", noBuild);
        if (host is null) return 1;

        var children = new ChildProcessSet();
        // The whole run is bounded: a page that never comes ends the run, it does not hang it.
        using var cancel = new RunBound(children, TimeSpan.FromMinutes(4));
        var temp = Directory.CreateTempSubdirectory("netops-bench-alerting-");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ports = new PortAllocator();
        var wall = Stopwatch.StartNew();
        try
        {
            Progress("starting influxd and the SMTP server (aiosmtpd)");
            await using var influx = await InfluxPeer.StartAsync(influxd, Path.Combine(temp.FullName, "influxdb"), ports, children, http, cancel.Token);
            await using var smtp = await TimedSmtpSink.StartAsync(host.RepositoryRoot, Path.Combine(temp.FullName, "smtp"), ports, children, cancel.Token);
            var inventory = WriteInventory(temp.FullName);
            Progress("starting NetOps (roles alerting, dashboard)");
            await using var netops = await AlertingHostPeer.StartAsync(host.DllPath, Path.Combine(temp.FullName, "netops"), influx.Url, inventory, smtp.Port,
                AlertingHostPeer.Routes(LatencyPrefecture, BurstPrefecture, DefaultBurstPrefecture, BackToBackPrefecture), ports, children, http, cancel.Token);
            await netops.AddUserAsync(AlertingHostPeer.OnCallUser, "oncall", "oncall1@noc.example.jp", cancel.Token);
            await netops.AddUserAsync("bench-op", "operator", null, cancel.Token);
            var token = await netops.TokenAsync("bench-op", cancel.Token);
            var store = new StateDbDetections(netops.DataDir);
            var sites = Bodies(LatencyPrefecture);

            var phases = new List<(string Name, EngineSample From, EngineSample To)>();
            async Task<EngineSample> SampleAsync() => await EngineSample.TakeAsync(netops, http, wall, cancel.Token);

            // One round first, not counted: the first pass and the first SMTP connection pay for JIT and query compilation.
            Progress("warm-up round");
            var warm = await StoredRoundAsync(store, smtp, sites[0].Code, DetectionKind.Anomaly, "warm", PageTimeout, cancel.Token);
            if (warm is null) return Fail(netops, "the warm-up detection was never paged");

            // The engine reads detections again 30 s behind its watermark; the bursts that are measured alone are
            // 30 s apart (the latency rounds run between them), the last one follows its predecessor at once.
            Progress($"burst: {burst:N0} detections across {PrefectureName(BurstPrefecture)}, GroupBy [prefecture]");
            var s0 = await SampleAsync();
            var byPrefecture = await BurstAsync(netops, http, store, smtp, BurstPrefecture, burst, "[prefecture]", byKind: false, cancel.Token);
            phases.Add(($"burst {PrefectureName(BurstPrefecture)} [prefecture]", s0, await SampleAsync()));

            Progress($"{rounds} latency rounds: a detection stored into the state DB → its page accepted");
            var stored = new List<double>();
            var random = new Random(13);
            s0 = await SampleAsync();
            for (int i = 0; i < rounds; i++)
            {
                // A random phase against the engine's 1 s pass, so the rounds sample the whole wait rather than one point of it.
                await Task.Delay(random.Next(0, 1000), cancel.Token);
                var (site, kind) = (sites[i % sites.Count].Code, LatencyKinds[i / sites.Count % LatencyKinds.Length]);
                var seconds = await StoredRoundAsync(store, smtp, site, kind, $"stored-{i}", PageTimeout, cancel.Token);
                if (seconds is null) return Fail(netops, $"round {i}: no page within {PageTimeout.TotalSeconds:0} s");
                stored.Add(seconds.Value);
            }
            phases.Add(("latency rounds, state DB", s0, await SampleAsync()));
            Progress($"state DB rounds, ms in order: {string.Join(' ', stored.Select(Ms))}");

            var postedLatency = new List<double>();
            if (posted > 0)
            {
                Progress($"{posted} latency rounds: an alert posted to /api/v2/alerts → its page accepted");
                using var api = new HttpClient { BaseAddress = netops.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
                api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                s0 = await SampleAsync();
                for (int i = 0; i < posted; i++)
                {
                    await Task.Delay(random.Next(0, 1000), cancel.Token);
                    var seconds = await PostedRoundAsync(api, smtp, sites[i % sites.Count].Code, $"posted-{i}", cancel.Token);
                    if (seconds is null) return Fail(netops, $"posted round {i}: no page within {PageTimeout.TotalSeconds:0} s");
                    postedLatency.Add(seconds.Value);
                }
                phases.Add(("latency rounds, POST /api/v2/alerts", s0, await SampleAsync()));
                Progress($"posted rounds, ms in order: {string.Join(' ', postedLatency.Select(Ms))}");
            }

            var alone = byPrefecture.StoredAt + TimeSpan.FromSeconds(31) - DateTimeOffset.UtcNow;
            if (alone > TimeSpan.Zero) { Progress($"waiting {alone.TotalSeconds:0} s: the next burst is measured alone"); await Task.Delay(alone, cancel.Token); }
            Progress($"burst: {burst:N0} detections across {PrefectureName(DefaultBurstPrefecture)}, GroupBy not set ([prefecture, kind])");
            s0 = await SampleAsync();
            var byDefault = await BurstAsync(netops, http, store, smtp, DefaultBurstPrefecture, burst, "[prefecture, kind] (default)", byKind: true, cancel.Token);
            phases.Add(($"burst {PrefectureName(DefaultBurstPrefecture)} [prefecture, kind]", s0, await SampleAsync()));

            Progress($"burst: {burst:N0} detections across {PrefectureName(BackToBackPrefecture)} right after the last, GroupBy not set");
            s0 = await SampleAsync();
            var backToBack = await BurstAsync(netops, http, store, smtp, BackToBackPrefecture, burst, "[prefecture, kind], right after", byKind: true, cancel.Token,
                TimeSpan.FromSeconds(15));
            phases.Add(($"burst {PrefectureName(BackToBackPrefecture)} right after", s0, await SampleAsync()));

            Progress("after the bursts: one more detection stored, a new condition");
            s0 = await SampleAsync();
            double? after = null;
            string? afterError = null;
            var probing = Stopwatch.StartNew();
            try { after = await StoredRoundAsync(store, smtp, sites[1].Code, DetectionKind.SynFlood, "after", TimeSpan.FromSeconds(10), cancel.Token); }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException e)
            {
                afterError = string.Create(CultureInfo.InvariantCulture, $"the store itself failed after {probing.Elapsed.TotalSeconds:0.0} s: {e.InnerException?.Message ?? e.Message}");
            }
            phases.Add(("one detection after the bursts", s0, await SampleAsync()));

            Console.WriteLine();
            Console.WriteLine($"NetOps alerting benchmark: the host (Release, roles alerting+dashboard, SQLite state DB) → aiosmtpd on 127.0.0.1, one on-call person; " +
                              $"group wait 0, Alerting:EvaluateSeconds=1, Delivery:PollMilliseconds=200; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine();
            Console.WriteLine(RenderLatency(stored, postedLatency));
            Console.WriteLine();
            Console.WriteLine(RenderBursts([byPrefecture, byDefault, backToBack]));
            Console.WriteLine();
            Console.WriteLine(RenderPhases(phases));
            Console.WriteLine();
            var p95 = Percentile(stored, 0.95);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target p95 < {TargetP95Seconds:0} s (state DB path): {(p95 < TargetP95Seconds ? "yes" : "NO")} ({p95:0.000} s, {p95 / TargetP95Seconds:0.00} of the target)"));
            if (postedLatency.Count > 0)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"state DB path / in-process path: p50 {Percentile(stored, 0.5) / Percentile(postedLatency, 0.5):0.0}x; the difference is the wait for the next pass (≤ 1 s): a detection of the host's own analyzer wakes the engine at once (DetectionStore.Published), like a posted alert"));
            foreach (var b in new[] { byPrefecture, byDefault, backToBack })
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{b.Detections:N0} detections → {b.Mails.Count:N0} {(b.Mails.Count == 1 ? "mail" : "mails")} ({b.Grouping}; {b.ExpectedMails} expected; {b.AlertsFired:N0} of {b.Conditions:N0} conditions fired, {b.AlertsPaged:N0} paged; {(b.Mails.Count > 0 ? $"last page after {b.LastSeconds:0.000} s" : "no page")})"));
            Console.WriteLine(after is { } a ? string.Create(CultureInfo.InvariantCulture, $"one detection after the bursts: paged after {a:0.000} s")
                : afterError is not null ? $"one detection after the bursts: NOT paged; {afterError}"
                : "one detection after the bursts: NOT paged within 10 s");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run time {wall.Elapsed.TotalSeconds:0} s"));
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"bench alerting: interrupted or over its 4-minute bound (logs in {temp.FullName}{(keep ? "" : ", removed")})");
            return 130;
        }
        catch (PeerStartException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        finally
        {
            children.KillAll();
            if (keep) Console.Error.WriteLine($"bench alerting: kept {temp.FullName}");
            else { try { temp.Delete(true); } catch (IOException) { } }
        }
    }

    /// <summary>One detection stored from outside the host; seconds from just before its commit to its page accepted, or null.</summary>
    private static async Task<double?> StoredRoundAsync(StateDbDetections store, TimedSmtpSink smtp, string site, DetectionKind kind, string name,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        await store.StoreAsync([StateDbDetections.Make(site, kind, at.AddSeconds(-1), $"[bench:{name}] 1,024 ports from 192.0.2.7 to {site}")], at, cancellationToken);
        var mails = await smtp.WaitAsync(m => m.Any(x => x.Tokens.Contains(name)), timeout, cancellationToken);
        return mails is null ? null : (mails.First(x => x.Tokens.Contains(name)).AcceptedAt - at).TotalSeconds;
    }

    /// <summary>One alert posted as Prometheus posts it; seconds from just before the POST to its page accepted, or null.</summary>
    private static async Task<double?> PostedRoundAsync(HttpClient api, TimedSmtpSink smtp, string site, string name, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new[]
        {
            new
            {
                labels = new Dictionary<string, string> { ["alertname"] = "BenchPosted", ["kind"] = "bench_posted", ["site"] = site, ["prefecture"] = LatencyPrefecture, ["severity"] = "warning" },
                annotations = new Dictionary<string, string> { ["summary"] = $"[bench:{name}] posted to /api/v2/alerts" },
            },
        });
        var at = DateTimeOffset.UtcNow;
        using (var response = await api.PostAsync("api/v2/alerts", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken))
        {
            if (!response.IsSuccessStatusCode)
                throw new PeerStartException($"POST /api/v2/alerts answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var mails = await smtp.WaitAsync(m => m.Any(x => x.Tokens.Contains(name)), PageTimeout, cancellationToken);
        return mails is null ? null : (mails.First(x => x.Tokens.Contains(name)).AcceptedAt - at).TotalSeconds;
    }

    /// <summary>What a burst made: the mails it brought, and when the first and last were accepted after the store began.</summary>
    private sealed record BurstResult(string Grouping, string Prefecture, int Detections, int Conditions, int AlertsFired, int ExpectedMails,
        DateTimeOffset StoredAt, double StoreSeconds, IReadOnlyList<AcceptedMail> Mails, double FirstSeconds, double LastSeconds)
    {
        /// <summary>The alerts the mails' groups hold (each digest's <c>（N件）</c>): the conditions that were paged.</summary>
        public int AlertsPaged => Mails.Sum(m => m.GroupAlerts ?? 0);
    }

    /// <summary>
    /// <paramref name="count"/> detections across the prefecture's bodies in one transaction, each (site, kind) seen
    /// several times; then the mails until one a group came (one on-call person; the groups are the prefecture, or its
    /// kinds when <paramref name="byKind"/>), or until <paramref name="limit"/> (30 s unless given).
    /// </summary>
    private static async Task<BurstResult> BurstAsync(AlertingHostPeer netops, HttpClient http, StateDbDetections store, TimedSmtpSink smtp, string prefecture,
        int count, string grouping, bool byKind, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        const string Fired = "netops_alerts_total{source=\"detection\"}";
        var firedBefore = await netops.MetricAsync(http, Fired, cancellationToken);
        var bodies = Bodies(prefecture);
        var before = smtp.Accepted().Count;
        var at = DateTimeOffset.UtcNow;
        var detections = Enumerable.Range(0, count).Select(i =>
        {
            var site = bodies[i % bodies.Count];
            var kind = BurstKinds[i / bodies.Count % BurstKinds.Length];
            // distinct times: a detection's id is detector, site, kind and time
            return StateDbDetections.Make(site.Code, kind, at.AddSeconds(-30).AddMilliseconds(i), $"[bench:burst-{prefecture}] {kind.ToTag()} at {site.Name}");
        }).ToList();
        var conditions = detections.Select(d => (d.Site, d.Kind)).Distinct().Count();
        var expectedMails = byKind ? detections.Select(d => d.Kind).Distinct().Count() : 1;
        var storing = Stopwatch.StartNew();
        await store.StoreAsync(detections, at, cancellationToken);
        var storeSeconds = storing.Elapsed.TotalSeconds;

        await smtp.WaitAsync(m => m.Count - before >= expectedMails, limit ?? TimeSpan.FromSeconds(30), cancellationToken);
        // a moment more: a mail beyond the expected ones would show here
        await Task.Delay(TimeSpan.FromMilliseconds(1500), cancellationToken);
        var mails = smtp.Accepted().Skip(before).ToList();
        var fired = (int)(await netops.MetricAsync(http, Fired, cancellationToken) - firedBefore);
        double first = mails.Count > 0 ? (mails.Min(m => m.AcceptedAt) - at).TotalSeconds : double.NaN;
        double last = mails.Count > 0 ? (mails.Max(m => m.AcceptedAt) - at).TotalSeconds : double.NaN;
        return new BurstResult(grouping, prefecture, count, conditions, fired, expectedMails, at, storeSeconds, mails, first, last);
    }

    private static string RenderPhases(IReadOnlyList<(string Name, EngineSample From, EngineSample To)> phases)
    {
        var rows = new List<string[]> { new[] { "engine during", "wall s", "passes", "passes/s", "mean pass ms", "NetOps CPU s/s" } };
        foreach (var (name, from, to) in phases)
        {
            var wall = (to.Wall - from.Wall).TotalSeconds;
            var passes = to.Passes - from.Passes;
            rows.Add(
            [
                name, wall.ToString("0.0", CultureInfo.InvariantCulture), passes.ToString("N0", CultureInfo.InvariantCulture),
                (passes / wall).ToString("0.0", CultureInfo.InvariantCulture),
                passes > 0 ? ((to.PassSeconds - from.PassSeconds) / passes * 1000).ToString("0.0", CultureInfo.InvariantCulture) : "-",
                ((to.Cpu - from.Cpu).TotalSeconds / wall).ToString("0.00", CultureInfo.InvariantCulture),
            ]);
        }
        return Columns(rows);
    }

    private static string RenderLatency(IReadOnlyList<double> stored, IReadOnlyList<double> posted)
    {
        var rows = new List<string[]> { new[] { "detection → page accepted by SMTP", "rounds", "p50 ms", "p95 ms", "max ms", "min ms", "mean ms", "p95 / 5 s" } };
        foreach (var (name, values) in new[] { ("stored into the state DB (another node)", stored), ("posted to /api/v2/alerts (in-process)", posted) })
        {
            if (values.Count == 0) continue;
            rows.Add(
            [
                name, values.Count.ToString(CultureInfo.InvariantCulture), Ms(Percentile(values, 0.5)), Ms(Percentile(values, 0.95)), Ms(values.Max()),
                Ms(values.Min()), Ms(values.Average()), (Percentile(values, 0.95) / TargetP95Seconds).ToString("0.000", CultureInfo.InvariantCulture),
            ]);
        }
        return Columns(rows);
    }

    private static string RenderBursts(IReadOnlyList<BurstResult> bursts)
    {
        var rows = new List<string[]>
        {
            new[] { "burst (one transaction), GroupBy", "prefecture", "detections", "conditions", "alerts fired", "alerts paged", "mails", "expected", "detections/mail", "store ms", "first page s", "last page s" },
        };
        foreach (var b in bursts)
        {
            rows.Add(
            [
                b.Grouping, $"{b.Prefecture} {PrefectureName(b.Prefecture)}", b.Detections.ToString("N0", CultureInfo.InvariantCulture),
                b.Conditions.ToString("N0", CultureInfo.InvariantCulture), b.AlertsFired.ToString("N0", CultureInfo.InvariantCulture), b.AlertsPaged.ToString("N0", CultureInfo.InvariantCulture),
                b.Mails.Count.ToString("N0", CultureInfo.InvariantCulture), b.ExpectedMails.ToString("N0", CultureInfo.InvariantCulture),
                b.Mails.Count > 0 ? (b.Detections / (double)b.Mails.Count).ToString("N0", CultureInfo.InvariantCulture) : "-",
                Ms(b.StoreSeconds), b.Mails.Count > 0 ? b.FirstSeconds.ToString("0.000", CultureInfo.InvariantCulture) : "-",
                b.Mails.Count > 0 ? b.LastSeconds.ToString("0.000", CultureInfo.InvariantCulture) : "-",
            ]);
        }
        var sb = new StringBuilder(Columns(rows));
        foreach (var b in bursts)
        {
            sb.AppendLine();
            sb.Append(CultureInfo.InvariantCulture, $"  {b.Grouping} mails:{(b.Mails.Count == 0 ? " none" : "")}");
            foreach (var m in b.Mails) sb.AppendLine().Append(CultureInfo.InvariantCulture, $"    {m.Subject}  |  {m.GroupLine}");
        }
        return sb.ToString();
    }

    /// <summary>The three prefectures of the run with all their municipalities, under the national centre.</summary>
    private static string WriteInventory(string directory)
    {
        var sites = new List<Site> { new() { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00" } };
        foreach (var prefecture in new[] { LatencyPrefecture, BurstPrefecture, DefaultBurstPrefecture, BackToBackPrefecture })
        {
            var node = MunicipalityDirectory.PrefectureOf(prefecture)!;
            sites.Add(new Site { Code = node.Code, Name = node.Name, Prefecture = prefecture, Parent = "000000" });
            sites.AddRange(Bodies(prefecture).Select(m => new Site { Code = m.Code, Name = m.Name, Prefecture = prefecture, Parent = node.Code }));
        }
        var path = Path.Combine(directory, "inventory.json");
        new SiteInventory(sites).Save(path);
        return path;
    }

    private static List<Municipality> Bodies(string prefecture) =>
        MunicipalityDirectory.Entries.Where(m => m.PrefectureCode == prefecture && !m.IsPrefecture).ToList();

    private static string PrefectureName(string prefecture) => MunicipalityDirectory.PrefectureOf(prefecture)?.Name ?? prefecture;

    private static int Fail(AlertingHostPeer netops, string what)
    {
        Console.Error.WriteLine($"bench alerting: {what}; the end of NetOps' log ({netops.LogPath}; --keep keeps it):\n{netops.Tail(30)}");
        return 1;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"bench alerting: {message}");
}
