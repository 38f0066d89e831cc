using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using NetOps.Bench.Alerting;
using NetOps.Bench.Ingest;
using static NetOps.Bench.Ingest.FigureTable;
using NetOps.Core.Inventory;

namespace NetOps.Bench.Screen;

/// <summary>
/// <c>bench screen</c>: the NOC screen of issue 12 ("live and fast") against the real host (Release; roles collector,
/// analyzer, dashboard; its own influxd; the demo inventory of all 1,788 bodies). Server render of the overview
/// (<c>/</c>, the map of every site) and of the municipality list as a signed-in operator; push latency from a Cisco
/// link-down syslog line sent to the collector to the changed colour on the overview's map in Debian's Chromium
/// (the drill of <c>NocScreenTests</c>, timed); the host's memory per open overview circuit.
/// </summary>
public static class ScreenBenchHarness
{
    private const string Usage = """
        Usage: bench screen [--renders N] [--drills N] [--circuits N] [--keep] [--no-build]
          --renders   GETs of each page, after two not counted (default 20)
          --drills    link-down drills, each at a different municipality (default 20)
          --circuits  overview pages open at the memory reading's end, read at half and all (default 20)
          --keep      keep the data directory and logs
          --no-build  do not rebuild the NetOps host
        """;

    public const string ChromiumPath = "/usr/bin/chromium";
    private const string Operator = "bench-op";
    private const double TargetP95Seconds = 2;
    private static readonly TimeSpan DrillTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan SwitchbackTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        int renders = 20, drills = 20, circuits = 20;
        bool keep = false, noBuild = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case "--renders" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 1000: renders = r; i++; break;
                case "--drills" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var d) && d is > 0 and <= 200: drills = d; i++; break;
                case "--circuits" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var c) && c is >= 2 and <= 100: circuits = c; i++; break;
                case "--keep": keep = true; break;
                case "--no-build": noBuild = true; break;
                default: Console.Error.WriteLine($"bench screen: unexpected '{args[i]}'\n{Usage}"); return 2;
            }
        }

        var influxd = InfluxPeer.FindBinary();
        if (influxd is null || !File.Exists(ChromiumPath))
        {
            Console.Error.WriteLine($"bench screen: needs influxd (Debian influxdb) and {ChromiumPath} (Debian chromium); ./netops ensure_deps bench installs them");
            return 2;
        }
        var host = await NetOpsHost.PrepareAsync("screen", noBuild);
        if (host is null) return 1;

        var children = new ChildProcessSet();
        using var cancel = new RunBound(children, TimeSpan.FromMinutes(8));
        var temp = Directory.CreateTempSubdirectory("netops-bench-screen-");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var ports = new PortAllocator();
        var wall = Stopwatch.StartNew();
        try
        {
            Progress("starting influxd");
            await using var influx = await InfluxPeer.StartAsync(influxd, Path.Combine(temp.FullName, "influxdb"), ports, children, http, cancel.Token);
            var syslogPort = ports.Next();
            Progress("starting NetOps (roles collector, analyzer, dashboard; the demo inventory)");
            await using var netops = await AlertingHostPeer.StartAsync(host.DllPath, Path.Combine(temp.FullName, "netops"), influx.Url, inventory: null, smtpPort: null,
                [
                    "--Roles=collector,analyzer,dashboard", "--Influx:Database=screen_bench",
                    $"--Collector:Syslog:Port={syslogPort.ToString(CultureInfo.InvariantCulture)}",
                    // as the e2e test runs it: the collector's points reach InfluxDB within a fraction of a second
                    "--Influx:FlushIntervalMs=200", "--Collector:Syslog:AggregationSeconds=1",
                ], ports, children, http, cancel.Token);
            await netops.AddUserAsync(Operator, "operator", null, cancel.Token);
            // One sign-in for everything: every browser context gets this cookie, as tabs of one browser would.
            var cookies = await FormSignIn.PostAsync(netops.BaseUri, Operator, AlertingHostPeer.Password, IPAddress.Parse("127.0.0.10"), cancel.Token);

            Progress($"server render: GET / and /municipalities, {renders} rounds each after two warm-ups");
            var renderRows = new List<RenderResult>();
            foreach (var path in new[] { "/", "/municipalities" })
                renderRows.Add(await RenderAsync(netops.BaseUri, cookies, path, renders, cancel.Token));

            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var browserCookies = cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c.Name, Value = c.Value, Domain = "127.0.0.1", Path = "/", HttpOnly = c.HttpOnly, SameSite = SameSiteAttribute.Strict,
            }).ToList();
            async Task<IPage> OverviewAsync()
            {
                var context = await browser.NewContextAsync(new()
                {
                    BaseURL = netops.BaseUri.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1600, Height = 1000 },
                    Locale = "ja-JP", TimezoneId = "Asia/Tokyo",
                });
                context.SetDefaultTimeout(60_000);
                await context.AddCookiesAsync(browserCookies);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                // data-circuit=on is rendered by the live circuit only, not in the prerendered markup
                await page.WaitForSelectorAsync("[data-circuit=on]");
                await page.WaitForFunctionAsync("() => typeof document.querySelector('[data-testid=japan-map] canvas')?.netopsStateOf === 'function'");
                return page;
            }

            Progress($"memory: the host's RSS with 0, {circuits / 2} and {circuits} overview pages open ({Settle.TotalSeconds:0} s settle each)");
            var memory = new List<MemorySample> { await MemoryAsync(netops, http, 0, cancel.Token) };
            var pages = new List<IPage>();
            foreach (var target in new[] { circuits / 2, circuits })
            {
                while (pages.Count < target) pages.Add(await OverviewAsync());
                memory.Add(await MemoryAsync(netops, http, pages.Count, cancel.Token));
            }
            // the drills watch a fresh overview, as the e2e test does (Blazor keeps the closed pages' circuits disconnected for a while)
            foreach (var p in pages) await p.Context.CloseAsync();
            // A circuit that dies (Blazor shows #blazor-error-ui) draws nothing more: the drills need a live one.
            async Task<bool> DeadAsync(IPage page) => await page.IsVisibleAsync("#blazor-error-ui");
            async Task<IPage> LiveOverviewAsync()
            {
                for (var attempt = 1; ; attempt++)
                {
                    var page = await OverviewAsync();
                    await Task.Delay(1000, cancel.Token);
                    if (!await DeadAsync(page) || attempt == 3) return page;
                    Progress($"the drill page's circuit died as it opened (attempt {attempt}); opening another");
                    await page.Context.CloseAsync();
                }
            }
            var overview = await LiveOverviewAsync();

            var sites = DrillSites(drills + 1);
            Progress($"push: {drills} drills (and one warm-up), a link-down syslog line → the site drawn as on its backup line");
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var collector = new IPEndPoint(IPAddress.Loopback, syslogPort);
            var pushed = new List<double>();
            var back = new List<double>();
            var missed = new List<string>();
            for (int i = 0; i < sites.Count; i++)
            {
                var code = sites[i].Code;
                var before = await StateOfAsync(overview, code);
                var now = DateTime.UtcNow;
                var down = Stopwatch.StartNew();
                await udp.SendAsync(LinkLine(now, code, 2 * i + 1, "down"), collector, cancel.Token);
                var shown = await WaitStateAsync(overview, code, "=== 'b'", DrillTimeout);
                var seconds = down.Elapsed.TotalSeconds;
                // a missed drill is a figure too: counted and named, the run goes on with the next site
                if (shown is null)
                {
                    var dead = await DeadAsync(overview);
                    missed.Add($"{code} {sites[i].Name} (map '{before}' → '{await StateOfAsync(overview, code)}'{(dead ? ", the page's circuit had died" : "")})");
                    if (dead) { await overview.Context.CloseAsync(); overview = await LiveOverviewAsync(); continue; }
                }
                var up = Stopwatch.StartNew();
                await udp.SendAsync(LinkLine(now.AddSeconds(65), code, 2 * i + 2, "up"), collector, cancel.Token);
                var switchedBack = shown is not null && await WaitStateAsync(overview, code, "!== 'b'", SwitchbackTimeout) is not null;
                if (i == 0) { Progress($"warm-up {code} {sites[i].Name}: {(shown is null ? "missed" : Ms(seconds) + " ms")}"); continue; }
                if (shown is not null) pushed.Add(seconds);
                if (switchedBack) back.Add(up.Elapsed.TotalSeconds);
            }
            Progress($"drills, ms in order: {string.Join(' ', pushed.Select(Ms))}");

            Console.WriteLine();
            Console.WriteLine($"NetOps NOC screen benchmark: the host (Release, roles collector+analyzer+dashboard, SQLite state DB, influxd, demo inventory of " +
                              $"{MunicipalityDirectory.Entries.Count:N0} sites) on 127.0.0.1, Debian Chromium headless; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine();
            Console.WriteLine(RenderRenders(renderRows));
            Console.WriteLine();
            Console.WriteLine(RenderPush(pushed, back, drills));
            if (missed.Count > 0) Console.WriteLine($"missed (not drawn as backup within {DrillTimeout.TotalSeconds:0} s): {string.Join("; ", missed)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"switchbacks: {back.Count} of {pushed.Count} drawn as no longer on backup within {SwitchbackTimeout.TotalSeconds:0} s of the link-up line"));
            Console.WriteLine();
            Console.WriteLine(RenderMemory(memory));
            Console.WriteLine();
            if (pushed.Count > 0)
            {
                var p95 = Percentile(pushed, 0.95);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"target p95 < {TargetP95Seconds:0} s (syslog line → colour on the map): {(p95 < TargetP95Seconds ? "yes" : "NO")} ({p95:0.000} s, {p95 / TargetP95Seconds:0.00} of the target)"));
            }
            var (m0, mHalf, mAll) = (memory[0], memory[1], memory[2]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memory per open circuit: RSS ({mAll.RssKb - m0.RssKb:N0} KiB over {mAll.Pages}) {Mib((mAll.RssKb - m0.RssKb) * 1024.0 / mAll.Pages)} MiB; " +
                $"from {mHalf.Pages} to {mAll.Pages} open {Mib((mAll.RssKb - mHalf.RssKb) * 1024.0 / (mAll.Pages - mHalf.Pages))} MiB; managed heap (dotnet_total_memory_bytes) " +
                $"{Mib((mAll.ManagedBytes - m0.ManagedBytes) / mAll.Pages)} MiB"));
            Console.WriteLine("SiteBoard reads: not measured (the host exports no count of them)");
            var circuitErrors = CircuitErrors(netops.Tail(1_000_000).Split('\n'));
            Console.WriteLine(circuitErrors.Count == 0 ? "circuits failed: none"
                : $"circuits failed: {circuitErrors.Count} (host log: \"Unhandled exception in circuit\"); first cause: {circuitErrors[0]}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run time {wall.Elapsed.TotalSeconds:0} s"));
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"bench screen: interrupted or over its 8-minute bound (logs in {temp.FullName}{(keep ? "" : ", removed")})");
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
            if (keep) Console.Error.WriteLine($"bench screen: kept {temp.FullName}");
            else { try { temp.Delete(true); } catch (IOException) { } }
        }
    }

    /// <summary>The collector's Cisco form, as a router's <c>logging host</c> sends it (the e2e test's line).</summary>
    private static byte[] LinkLine(DateTime at, string code, int sequence, string state) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"<187>{at:MMM dd HH:mm:ss} {code}-rt1 {sequence}: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to {state}"));

    /// <summary>Waits until the overview's map draws <paramref name="code"/> in a state matching <paramref name="test"/>; the elapsed time, or null on timeout.</summary>
    private static async Task<TimeSpan?> WaitStateAsync(IPage page, string code, string test, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        try
        {
            await page.WaitForFunctionAsync($"code => document.querySelector('[data-testid=japan-map] canvas').netopsStateOf(code) {test}", code,
                new() { Timeout = (float)timeout.TotalMilliseconds });
            return waited.Elapsed;
        }
        catch (TimeoutException) { return null; }
    }

    private static Task<string> StateOfAsync(IPage page, string code) =>
        page.EvaluateAsync<string>("code => document.querySelector('[data-testid=japan-map] canvas').netopsStateOf(code)", code);

    /// <summary>One municipality from each stretch of the shipped list, so the drills cross the prefectures.</summary>
    private static List<Municipality> DrillSites(int count)
    {
        var bodies = MunicipalityDirectory.Entries.Where(m => !m.IsPrefecture).ToList();
        return Enumerable.Range(0, count).Select(i => bodies[(int)((i + 0.5) * bodies.Count / count)]).ToList();
    }

    private static async Task<RenderResult> RenderAsync(Uri baseUri, CookieContainer cookies, string path, int rounds, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        var times = new List<double>();
        long bytes = 0;
        for (int i = -2; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            if (response.StatusCode != HttpStatusCode.OK)
                throw new PeerStartException($"bench screen: GET {path} answered {(int)response.StatusCode} {response.Headers.Location}, not the page");
            if (i < 0) continue;
            times.Add(seconds);
            bytes = body.Length;
        }
        return new RenderResult(path, times, bytes);
    }

    private static async Task<MemorySample> MemoryAsync(AlertingHostPeer netops, HttpClient http, int pages, CancellationToken cancellationToken)
    {
        // no GC can be forced from outside: give the host's background GC a few quiet seconds instead
        await Task.Delay(Settle, cancellationToken);
        var rss = ProcStatus.ReadKilobytes(netops.ProcessId, "VmRSS");
        var managed = await netops.MetricAsync(http, "dotnet_total_memory_bytes", cancellationToken);
        Progress(string.Create(CultureInfo.InvariantCulture, $"{pages} open: RSS {rss / 1024.0:0.0} MiB, managed {managed / 1048576:0.0} MiB"));
        return new MemorySample(pages, rss, managed);
    }

    private static string RenderRenders(IReadOnlyList<RenderResult> rows)
    {
        var table = new List<string[]> { new[] { "server render, signed in (GET, whole body)", "rounds", "p50 ms", "p95 ms", "max ms", "min ms", "bytes" } };
        foreach (var r in rows)
            table.Add([r.Path == "/" ? "/ (overview, map of every site)" : $"{r.Path} (every site)", r.Times.Count.ToString(CultureInfo.InvariantCulture),
                Ms(Percentile(r.Times, 0.5)), Ms(Percentile(r.Times, 0.95)), Ms(r.Times.Max()), Ms(r.Times.Min()), r.Bytes.ToString("N0", CultureInfo.InvariantCulture)]);
        return Columns(table);
    }

    private static string RenderPush(IReadOnlyList<double> pushed, IReadOnlyList<double> back, int drills)
    {
        var table = new List<string[]> { new[] { "syslog line → the map's colour (one overview open)", "drills", "p50 ms", "p95 ms", "max ms", "min ms", "mean ms" } };
        foreach (var (name, values) in new[] { ("link down → backup (b)", pushed), ("link up +65 s → back from backup", back) })
        {
            if (values.Count == 0) continue;
            table.Add([name, $"{values.Count}/{drills}", Ms(Percentile(values, 0.5)), Ms(Percentile(values, 0.95)), Ms(values.Max()), Ms(values.Min()), Ms(values.Average())]);
        }
        return Columns(table);
    }

    private static string RenderMemory(IReadOnlyList<MemorySample> samples)
    {
        var table = new List<string[]> { new[] { "overview pages open (each its own circuit)", "host RSS MiB", "managed heap MiB", "RSS per page vs 0, MiB" } };
        foreach (var s in samples)
            table.Add([s.Pages.ToString(CultureInfo.InvariantCulture), (s.RssKb / 1024.0).ToString("0.0", CultureInfo.InvariantCulture),
                Mib(s.ManagedBytes), s.Pages == 0 ? "-" : Mib((s.RssKb - samples[0].RssKb) * 1024.0 / s.Pages)]);
        return Columns(table);
    }

    private static string Mib(double bytes) => (bytes / 1048576).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The host's circuits that died, each with the rendering exception logged before it (a dead overview shows nothing new).</summary>
    private static List<string> CircuitErrors(IEnumerable<string> log)
    {
        var errors = new List<string>();
        string? cause = null;
        string? previous = null;
        foreach (var line in log)
        {
            if (previous?.Contains("RemoteRenderer", StringComparison.Ordinal) == true) cause = line.Trim();
            if (line.Contains("Unhandled exception in circuit", StringComparison.Ordinal)) errors.Add(cause ?? line.Trim());
            previous = line;
        }
        return errors;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"bench screen: {message}");

    private sealed record RenderResult(string Path, IReadOnlyList<double> Times, long Bytes);

    private sealed record MemorySample(int Pages, long RssKb, double ManagedBytes);
}
