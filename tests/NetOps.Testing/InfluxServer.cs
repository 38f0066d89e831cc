using NetOps.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace NetOps.Testing;

/// <summary>
/// A real <c>influxd</c> (InfluxDB 1.x) on 127.0.0.1 with its data under a temporary directory. Stop and start it
/// again on the same port and directories to simulate an outage; data survives.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private const string DefaultBinary = "/usr/bin/influxd";
    private readonly string _binary;
    private readonly string _logPath;
    private Process? _process;

    private InfluxServer(string binary, string root, int httpPort, int rpcPort)
    {
        _binary = binary;
        RootDirectory = root;
        HttpPort = httpPort;
        RpcPort = rpcPort;
        ConfigPath = Path.Combine(root, "influxdb.conf");
        _logPath = Path.Combine(root, "influxd.log");
        File.WriteAllText(ConfigPath, Config(root, httpPort, rpcPort));
    }

    /// <summary>The temporary directory holding the config, data, WAL and log.</summary>
    public string RootDirectory { get; }
    public string ConfigPath { get; }
    public int HttpPort { get; }
    public int RpcPort { get; }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Creates the config and starts influxd; throws when influxd is not installed.</summary>
    public static async Task<InfluxServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var server = Create();
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the config (ports reserved) without starting influxd.</summary>
    public static InfluxServer Create()
    {
        var binary = Environment.GetEnvironmentVariable("NETOPS_INFLUXD") is { Length: > 0 } b ? b : DefaultBinary;
        if (!File.Exists(binary))
            throw new InvalidOperationException($"influxd not found at {binary}; run `./netops test`, which installs InfluxDB 1.x (Debian package influxdb)");
        var root = Directory.CreateTempSubdirectory("netops-influxd-").FullName;
        return new InfluxServer(binary, root, TestPorts.Next(), TestPorts.Next());
    }

    /// <summary>Starts influxd (same directories and port as before) and waits until <c>/ping</c> answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning) return;
        var psi = new ProcessStartInfo(_binary)
        {
            ArgumentList = { "run", "-config", ConfigPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["INFLUXDB_REPORTING_DISABLED"] = "true";
        var process = new Process { StartInfo = psi };
        var log = new StreamWriter(_logPath, append: true, Encoding.UTF8) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InvalidOperationException($"influxd exited with {process.ExitCode} while starting; log:\n{LogTail()}");
            try
            {
                using var r = await http.GetAsync(Url + "/ping", cancellationToken);
                if (r.StatusCode == HttpStatusCode.NoContent) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"influxd did not answer /ping within 30 s; log:\n{LogTail()}");
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Stops influxd gracefully (SIGTERM) and waits for it to exit; SIGKILL after 15 s.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null) return;
        _process = null;
        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        }
        process.Dispose();
    }

    /// <summary>Kills influxd (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        var process = _process;
        if (process is null) return;
        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    /// <summary>The last lines of influxd's output.</summary>
    public string LogTail(int lines = 40)
    {
        try
        {
            using var fs = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(fs);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException) { return "(no log)"; }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(RootDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }


    private static string Config(string root, int httpPort, int rpcPort)
    {
        string Dir(string name) => Path.Combine(root, name).Replace("\\", "/", StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"

            [meta]
              dir = "{Dir("meta")}"
              logging-enabled = false

            [data]
              dir = "{Dir("data")}"
              wal-dir = "{Dir("wal")}"
              wal-fsync-delay = "0s"
              query-log-enabled = false
              trace-logging-enabled = false

            [coordinator]
              log-queries-after = "0s"

            [retention]
              enabled = false

            [shard-precreation]
              enabled = false

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{httpPort}"
              auth-enabled = false
              log-enabled = false
              write-tracing = false
              pprof-enabled = false
              max-body-size = 0

            [logging]
              level = "warn"
              suppress-logo = true

            [subscriber]
              enabled = false

            [continuous_queries]
              enabled = false
              log-enabled = false
            """);
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
