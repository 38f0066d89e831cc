using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Support;

/// <summary>
/// A real NetOps process (the built NetOps.dll) started with <c>dotnet</c>, so that tests can send it real
/// traffic, read its /health and /metrics, and kill it with SIGKILL.
/// </summary>
public sealed class NetOpsProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NetOpsProcess(Process process, int syslogPort, int httpPort, string dataDir)
    {
        _process = process;
        SyslogPort = syslogPort;
        HttpPort = httpPort;
        DataDir = dataDir;
    }

    public int SyslogPort { get; }
    /// <summary>The host's process id: part of the node name it writes on the outbox rows it claims (<c>machine:pid/…</c>).</summary>
    public int ProcessId => _process.Id;
    public int HttpPort { get; }
    public string DataDir { get; }
    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}/");
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>The NetOps.dll built beside this test assembly's configuration.</summary>
    public static string HostDll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var dll = Path.Combine(SharedData.RepositoryRoot, "dashboard", "bin", config, "net10.0", "NetOps.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build the dashboard project first", dll);
        }
    }

    /// <summary>Starts NetOps without waiting for it to be ready.</summary>
    public static NetOpsProcess Launch(string influxUrl, string dataDir, int? syslogPort = null, int? httpPort = null, params string[] extraArgs)
    {
        int sp = syslogPort ?? TestPorts.Next(), hp = httpPort ?? TestPorts.Next();
        Directory.CreateDirectory(dataDir);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in new[]
                 {
                     $"--DataDir={dataDir}", $"--Influx:Url={influxUrl}", $"--Collector:Syslog:Port={sp}",
                     $"--Dashboard:Url=http://127.0.0.1:{hp}", "--Influx:FlushIntervalMs=200", "--Collector:Syslog:AggregationSeconds=1",
                     // tests run in parallel: the fixed flow ports stay off unless a test asks for its own (later arguments win)
                     "--Collector:NetFlow:Port=0", "--Collector:Ipfix:Port=0", "--Collector:Snmp:TrapPort=0",
                 }.Concat(extraArgs))
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__Console__FormatterName"] = "simple";
        var process = Process.Start(psi)!;
        var host = new NetOpsProcess(process, sp, hp, dataDir);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (host._output) host._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (host._output) host._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Starts NetOps and waits until /health answers (200 or 503: it is serving).</summary>
    public static async Task<NetOpsProcess> StartAsync(string influxUrl, string dataDir, int? syslogPort = null, params string[] extraArgs)
    {
        if (TakesTemplate(dataDir, extraArgs))
        {
            Directory.CreateDirectory(dataDir);
            File.Copy(await Template.Value, Path.Combine(dataDir, StateDbFile));
        }
        var host = Launch(influxUrl, dataDir, syslogPort, null, extraArgs);
        await host.WaitServingAsync(TimeSpan.FromSeconds(120));
        return host;
    }

    private const string StateDbFile = "netops.db";

    /// <summary>
    /// The state DB that a first start on an empty data directory builds (migrated, roles, the demo inventory of 1,789
    /// sites seeded and audited), built once per test run by a real host and copied into each new data directory whose
    /// host would build the same one. Migrating and seeding is about half of a host's start, and most tests start
    /// hosts on new directories. A test that passes its own inventory or state DB, or launches with
    /// <see cref="Launch"/> (the start-up tests), still gets a start from nothing.
    /// </summary>
    private static readonly Lazy<Task<string>> Template = new(BuildTemplateAsync);

    private static bool TakesTemplate(string dataDir, string[] extraArgs) =>
        !File.Exists(Path.Combine(dataDir, StateDbFile))
        && !extraArgs.Any(a => a.StartsWith("--Inventory:Path", StringComparison.Ordinal) || a.StartsWith("--StateDb:", StringComparison.Ordinal)
                               || a.StartsWith("--config", StringComparison.Ordinal) || a.StartsWith("--DataDir", StringComparison.Ordinal));

    private static async Task<string> BuildTemplateAsync()
    {
        var dir = Directory.CreateTempSubdirectory("netops-template-").FullName;
        var host = Launch("http://127.0.0.1:9", dir);
        await host.WaitServingAsync(TimeSpan.FromSeconds(120));
        await host.DisposeAsync();
        // VACUUM INTO: one consistent file, whatever the stopped host left in its WAL.
        var template = Path.Combine(dir, "template.db");
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, StateDbFile)};Pooling=False"))
        {
            await db.OpenAsync();
            await using var vacuum = db.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", template);
            await vacuum.ExecuteNonQueryAsync();
        }
        return template;
    }

    public async Task WaitServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"NetOps exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var r = await http.GetAsync(new Uri(BaseUri, "health"));
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"NetOps did not serve /health within {timeout}:\n{Output}");
    }

    public async Task<string> GetAsync(string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri(BaseUri, path));
    }

    /// <summary>Reads one sample from /metrics, e.g. <c>netops_syslog_messages_total{transport="udp",outcome="parsed"}</c>.</summary>
    public async Task<double> MetricAsync(string name, params (string Label, string Value)[] labels)
    {
        var text = await GetAsync("metrics");
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.StartsWith('#')) continue;
            var rest = line[name.Length..];
            if (rest.Length > 0 && rest[0] != '{' && rest[0] != ' ') continue;
            if (labels.All(l => rest.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill9()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM and wait for a graceful stop.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Kill9(); }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
