using System.Diagnostics;
using System.Globalization;
using NetOps.Bench.Ingest;

namespace NetOps.Bench.Alerting;

/// <summary>
/// The NetOps host with the alerting and dashboard roles as its own process (Release build, real influxd, real SMTP
/// server), configured as <see cref="Routes"/> says; its administration verbs (<c>user add</c>, <c>user token</c>)
/// run as separate processes against its data directory, as an operator runs them.
/// </summary>
public sealed class AlertingHostPeer : IAsyncDisposable
{
    /// <summary>The one on-call person every route pages (level 1; level 2 is an hour away, beyond the run).</summary>
    public const string OnCallUser = "oncall1";

    /// <summary>The password <see cref="AddUserAsync"/> gives every user it makes.</summary>
    public const string Password = "correct-horse-battery";

    private readonly ChildProcess _process;
    private readonly string _dll;

    private AlertingHostPeer(ChildProcess process, string dll, string dataDir, Uri baseUri)
    {
        _process = process;
        _dll = dll;
        DataDir = dataDir;
        BaseUri = baseUri;
    }

    public string DataDir { get; }
    public Uri BaseUri { get; }
    public string LogPath => _process.LogPath;

    /// <summary>The host's process id (for its RSS in <c>/proc/PID/status</c>).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines of its log, to show why a page did not come.</summary>
    public string Tail(int lines) => _process.Tail(lines);

    /// <summary>
    /// One route per phase of the bench, each matched by prefecture, all with group wait 0 and a group interval beyond
    /// the run (so a group pages once): latency (<c>site</c>, <c>kind</c>: every new condition is its own group), the
    /// burst by prefecture, and the burst by NetOps' default (<c>prefecture</c>, <c>kind</c>; GroupBy not set).
    /// </summary>
    public static string[] Routes(string latencyPrefecture, string burstPrefecture, params string[] defaultBurstPrefectures) =>
    [
        "--Alerting:OnCall:Schedules:noc:TimeZone=Asia/Tokyo",
        $"--Alerting:OnCall:Schedules:noc:Rotation:Users:0={OnCallUser}",
        "--Alerting:OnCall:Schedules:noc:Rotation:Handoff=09:00",
        "--Alerting:OnCall:Schedules:noc:Rotation:LengthDays=365",
        $"--Alerting:OnCall:Schedules:noc:Rotation:Start={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}",
        "--Alerting:OnCall:Policies:bench:Steps:0:Notify:Schedule=noc",
        "--Alerting:OnCall:Policies:bench:Steps:0:WaitMinutes=60",
        .. Route(0, latencyPrefecture, ["site", "kind"]),
        .. Route(1, burstPrefecture, ["prefecture"]),
        .. defaultBurstPrefectures.SelectMany((p, i) => Route(2 + i, p, null)),
    ];

    private static IEnumerable<string> Route(int i, string prefecture, string[]? groupBy)
    {
        yield return $"--Alerting:OnCall:Routes:{i}:Matchers:0:Name=prefecture";
        yield return $"--Alerting:OnCall:Routes:{i}:Matchers:0:Value={prefecture}";
        yield return $"--Alerting:OnCall:Routes:{i}:Policy=bench";
        yield return $"--Alerting:OnCall:Routes:{i}:GroupWaitSeconds=0";
        yield return $"--Alerting:OnCall:Routes:{i}:GroupIntervalSeconds=3600";
        for (var g = 0; g < (groupBy?.Length ?? 0); g++) yield return $"--Alerting:OnCall:Routes:{i}:GroupBy:{g}={groupBy![g]}";
    }

    /// <summary>
    /// Starts the host and waits until it serves <c>/health</c>. Without <paramref name="inventory"/> it seeds the demo
    /// inventory (all 1,788 bodies); without <paramref name="smtpPort"/> no mail server is configured. Later arguments
    /// win, so <paramref name="alertingArgs"/> may also override the roles (<c>--Roles=…</c>) or turn a listener on.
    /// </summary>
    public static async Task<AlertingHostPeer> StartAsync(string hostDll, string directory, Uri influx, string? inventory, int? smtpPort,
        IEnumerable<string> alertingArgs, PortAllocator ports, ChildProcessSet children, HttpClient http, CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(directory, "data");
        Directory.CreateDirectory(dataDir);
        var baseUri = new Uri($"http://127.0.0.1:{ports.Next()}/");
        string[] arguments =
        [
            hostDll, $"--DataDir={dataDir}", $"--Influx:Url={influx.ToString().TrimEnd('/')}", "--Influx:Database=alerting_bench",
            .. inventory is null ? Array.Empty<string>() : [$"--Inventory:Path={inventory}"],
            $"--Dashboard:Url={baseUri.ToString().TrimEnd('/')}", "--Roles=alerting,dashboard",
            "--Collector:NetFlow:Port=0", "--Collector:Ipfix:Port=0", "--Collector:Snmp:TrapPort=0", // never collide with a running demo
            .. smtpPort is not { } smtp ? Array.Empty<string>()
                : ["--Smtp:Host=127.0.0.1", $"--Smtp:Port={smtp.ToString(CultureInfo.InvariantCulture)}", "--Smtp:From=noc@netops.example.lg.jp"],
            // Detections stored by another process are seen at the next pass: one a second, the shortest the key allows.
            "--Alerting:EvaluateSeconds=1", "--Alerting:Delivery:PollMilliseconds=200", "--Alerting:Delivery:RetryInitialSeconds=1",
            .. alertingArgs,
        ];
        var process = children.Start("NetOps", Executables.Find("dotnet") ?? "dotnet", arguments, Path.Combine(directory, "netops.log"));
        var peer = new AlertingHostPeer(process, hostDll, dataDir, baseUri);
        var waited = Stopwatch.StartNew();
        while (!await ServesAsync(http, new Uri(baseUri, "health"), cancellationToken))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                var tail = process.Tail(30);
                await peer.DisposeAsync();
                throw new PeerStartException($"NetOps did not serve {baseUri}health (log {process.LogPath}):\n{tail}");
            }
            await Task.Delay(200, cancellationToken);
        }
        return peer;
    }

    /// <summary><c>user add NAME --role ROLE [--email ADDR] --password-stdin</c>.</summary>
    public Task AddUserAsync(string name, string role, string? email, CancellationToken cancellationToken) =>
        CliAsync(["user", "add", name, "--role", role, .. email is null ? Array.Empty<string>() : ["--email", email, "--display-name", $"{name} 担当"], "--password-stdin"],
            Password + "\n", cancellationToken);

    /// <summary><c>user token NAME --days 1</c>: a bearer token for the API.</summary>
    public async Task<string> TokenAsync(string name, CancellationToken cancellationToken) =>
        (await CliAsync(["user", "token", name, "--days", "1"], null, cancellationToken)).Trim();

    private async Task<string> CliAsync(string[] args, string? stdin, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Executables.Find("dotnet") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = DataDir,
        };
        info.ArgumentList.Add(_dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add($"--DataDir={DataDir}");
        using var cli = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
        if (stdin is not null) await cli.StandardInput.WriteAsync(stdin);
        cli.StandardInput.Close();
        var stdout = cli.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = cli.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try { await cli.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            cli.Kill(entireProcessTree: true);
            throw new PeerStartException($"netops {string.Join(' ', args.Take(2))} did not finish within 60 s");
        }
        if (cli.ExitCode != 0) throw new PeerStartException($"netops {string.Join(' ', args.Take(2))} exited {cli.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    /// <summary>CPU time (user + system) of the host so far; zero once it is gone.</summary>
    public TimeSpan CpuTime() => _process.CpuTime() ?? TimeSpan.Zero;

    /// <summary>One unlabelled sample of <c>/metrics</c> (e.g. <c>netops_alerting_pass_seconds_count</c>); 0 when absent or not answered.</summary>
    public async Task<double> MetricAsync(HttpClient http, string name, CancellationToken cancellationToken)
    {
        string text;
        try { text = await http.GetStringAsync(new Uri(BaseUri, "metrics"), cancellationToken); }
        catch (HttpRequestException) { return 0; }
        foreach (var line in text.Split('\n'))
            if (line.StartsWith(name + " ", StringComparison.Ordinal)
                && double.TryParse(line[(name.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        return 0;
    }

    private static async Task<bool> ServesAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        // 200 or 503: it serves (a degraded /health is still a running host).
        try { using var r = await http.GetAsync(uri, cancellationToken); return true; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return false; }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
