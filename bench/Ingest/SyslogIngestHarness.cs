using System.Globalization;
using System.Runtime.InteropServices;

namespace NetOps.Bench.Ingest;

/// <summary>
/// <c>bench syslog</c>: the end-to-end ingest benchmark. At each rate, blasts unique FortiGate deny lines over UDP first
/// at a private rsyslogd (the peer: imudp to a file), then at a NetOps host (collector role, writing to a private
/// influxd), and prints the share each stored, their memory and CPU, and the ratios, side by side.
/// </summary>
public sealed class SyslogIngestHarness
{
    private const string MeasuredDevice = "FGT-BENCH";
    private const string WarmupDevice = "FGT-WARMUP";
    private const int WarmupRateCap = 20_000;

    // NetOps' default Collector:Syslog:ReceiveBufferBytes; rsyslog gets the same, so neither starts with a deeper kernel queue.
    private const int ReceiveBufferBytes = 32 << 20;

    private readonly IngestBenchOptions _options;
    private readonly ChildProcessSet _children;
    private readonly TextWriter _out;
    private readonly TextWriter _progress;
    private readonly UdpBlaster _blaster = new();
    private readonly PortAllocator _ports = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private SyslogIngestHarness(IngestBenchOptions options, ChildProcessSet children, TextWriter output, TextWriter progress)
    {
        _options = options;
        _children = children;
        _out = output;
        _progress = progress;
    }

    /// <summary>Entry point for <c>bench syslog [args]</c>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(IngestBenchOptions.Usage);
            return 0;
        }
        if (!IngestBenchOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"bench syslog: {error}");
            Console.Error.WriteLine(IngestBenchOptions.Usage);
            return 2;
        }

        var children = new ChildProcessSet();
        using var cancel = new CancellationTokenSource();
        // SIGINT (Ctrl-C) and SIGTERM: stop sending and let the peers go in order; a second signal kills them at once.
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (cancel.IsCancellationRequested)
            {
                children.KillAll();
                Environment.Exit(130);
            }
            Console.Error.WriteLine("bench syslog: stopping (Ctrl-C again to kill the peers at once)");
            cancel.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        EventHandler onExit = (_, _) => children.KillAll();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        try
        {
            var harness = new SyslogIngestHarness(options, children, Console.Out, Console.Error);
            return await harness.RunAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench syslog: interrupted");
            return 130;
        }
        finally
        {
            children.KillAll();
            AppDomain.CurrentDomain.ProcessExit -= onExit;
        }
    }

    private async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        string? rsyslogd = null, rsyslogVersion = null;
        if (!_options.SkipRsyslog)
        {
            rsyslogd = RsyslogPeer.FindBinary();
            if (rsyslogd is null)
            {
                _progress.WriteLine("bench syslog: rsyslogd is not installed; run ./netops bench (it installs it), or: sudo apt-get install rsyslog");
                return 2;
            }
            rsyslogVersion = await RsyslogPeer.VersionAsync(rsyslogd, cancellationToken);
        }

        string? influxd = null, hostDll = null, netOpsNote = null;
        if (!_options.SkipNetOps)
        {
            influxd = InfluxPeer.FindBinary();
            if (influxd is null)
            {
                _progress.WriteLine("bench syslog: influxd is not installed; run ./netops bench (it installs it), or: sudo apt-get install influxdb");
                return 2;
            }
            (hostDll, netOpsNote) = await PrepareHostAsync(cancellationToken);
        }

        var loadBefore = LoadAverage();
        var temp = Directory.CreateTempSubdirectory("netops-bench-syslog-");
        InfluxPeer? influx = null;
        try
        {
            if (hostDll is not null)
            {
                Progress("starting influxd");
                try { influx = await InfluxPeer.StartAsync(influxd!, Path.Combine(temp.FullName, "influxdb"), _ports, _children, _http, cancellationToken); }
                catch (PeerStartException e) { netOpsNote = "influxd did not start"; _progress.WriteLine(e.Message); }
            }

            var results = new List<RateResult>();
            foreach (var rate in _options.Rates)
            {
                PeerRun? rs = null, no = null;
                string? rsNote = _options.SkipRsyslog ? "skipped" : null, noNote = _options.SkipNetOps ? "skipped" : netOpsNote;
                if (rsyslogd is not null)
                {
                    try { rs = await MeasureRsyslogAsync(rsyslogd, rate, Path.Combine(temp.FullName, $"rsyslog-{rate}"), cancellationToken); }
                    catch (PeerStartException e) { rsNote = "rsyslogd did not start"; _progress.WriteLine(e.Message); }
                }
                if (influx is not null && hostDll is not null)
                {
                    try { no = await MeasureNetOpsAsync(hostDll, influx, rate, Path.Combine(temp.FullName, $"netops-{rate}"), cancellationToken); }
                    catch (PeerStartException e) { noNote = "NetOps did not start"; _progress.WriteLine(e.Message); }
                    catch (HttpRequestException e) { noNote = "InfluxDB did not answer"; _progress.WriteLine($"bench syslog: {e.Message}"); }
                }
                results.Add(new RateResult(rate, rs, no, rsNote, noNote));
            }

            _out.WriteLine();
            _out.WriteLine(Header(rsyslogVersion, loadBefore, LoadAverage()));
            _out.WriteLine();
            _out.Write(ResultTable.Render(results));
            _out.WriteLine("Targets: NetOps stores at least the share rsyslog stores at every rate (loss <= rsyslog); NetOps peak RSS (VmHWM) < 500 MB.");
            if (_options.Keep) _out.WriteLine($"Configs, logs and rsyslog output kept in {temp.FullName}");
            return 0;
        }
        finally
        {
            if (influx is not null) await influx.DisposeAsync();
            if (!_options.Keep) TryDelete(temp);
        }
    }

    private async Task<(string? Dll, string? Note)> PrepareHostAsync(CancellationToken cancellationToken)
    {
        var host = NetOpsHost.Locate();
        if (host is null) return (null, "repository not found (run from the checkout)");
        if (!_options.NoBuild && host.IsStale())
        {
            Progress("building the NetOps host (dotnet build -c Release dashboard)");
            var errors = await host.BuildAsync(cancellationToken);
            if (errors is not null)
            {
                _progress.WriteLine($"bench syslog: the NetOps host does not build; measuring rsyslog only.\n{errors}");
                return (null, "host does not build");
            }
        }
        return File.Exists(host.DllPath) ? (host.DllPath, null) : (null, $"{host.DllPath} missing");
    }

    private async Task<PeerRun> MeasureRsyslogAsync(string binary, int rate, string directory, CancellationToken cancellationToken)
    {
        Progress($"rsyslog at {rate:N0}/s: starting rsyslogd");
        await using var peer = await RsyslogPeer.StartAsync(binary, directory, _ports.Next(), ReceiveBufferBytes, _children, cancellationToken);
        if (_options.WarmupSeconds > 0)
        {
            await _blaster.RunAsync(peer.Endpoint, WarmupDevice, Math.Min(rate, WarmupRateCap), TimeSpan.FromSeconds(_options.WarmupSeconds), cancellationToken);
            await peer.WaitUntilQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), cancellationToken);
        }

        var drops = ProcStatus.UdpReceiveBufferErrors();
        await using var sampler = ProcessSampler.Start(peer.Process);
        Progress($"rsyslog at {rate:N0}/s: sending for {_options.Seconds} s");
        var blast = await _blaster.RunAsync(peer.Endpoint, MeasuredDevice, rate, TimeSpan.FromSeconds(_options.Seconds), cancellationToken);
        await peer.WaitUntilQuietAsync(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(120), cancellationToken);
        var usage = await sampler.StopAsync();
        drops = ProcStatus.UdpReceiveBufferErrors() - drops;
        // rsyslog writes its last partial buffer (flushOnTXEnd off) when it stops
        await peer.StopAsync();
        var stored = peer.CountLines(MeasuredDevice);
        var run = new PeerRun(blast, stored, drops, usage);
        Progress($"rsyslog at {rate:N0}/s: sent {blast.Sent:N0} ({blast.AchievedRate:N0}/s), stored {stored:N0} ({run.StoredShare:P2})");
        return run;
    }

    private async Task<PeerRun> MeasureNetOpsAsync(string hostDll, InfluxPeer influx, int rate, string directory, CancellationToken cancellationToken)
    {
        var quiet = TimeSpan.FromSeconds(3);
        Progress($"NetOps at {rate:N0}/s: starting the host");
        await using var peer = await NetOpsPeer.StartAsync(hostDll, directory, influx.Url, $"bench_{rate}", _ports, _children, _http, cancellationToken);
        long storedBefore = 0;
        if (_options.WarmupSeconds > 0)
        {
            // JIT and tiering happen here, not in the measured run; what it stores is subtracted below.
            await _blaster.RunAsync(peer.Endpoint, WarmupDevice, Math.Min(rate, WarmupRateCap), TimeSpan.FromSeconds(_options.WarmupSeconds), cancellationToken);
            storedBefore = await peer.WaitUntilStoredAsync(influx, quiet, TimeSpan.FromSeconds(60), cancellationToken);
        }
        var countersBefore = await peer.CountersAsync(cancellationToken) ?? SyslogCounters.Zero;

        var drops = ProcStatus.UdpReceiveBufferErrors();
        await using var sampler = ProcessSampler.Start(peer.Process);
        Progress($"NetOps at {rate:N0}/s: sending for {_options.Seconds} s");
        var blast = await _blaster.RunAsync(peer.Endpoint, MeasuredDevice, rate, TimeSpan.FromSeconds(_options.Seconds), cancellationToken);
        var stored = await peer.WaitUntilStoredAsync(influx, quiet, TimeSpan.FromSeconds(120), cancellationToken) - storedBefore;
        var counters = await peer.CountersAsync(cancellationToken) is { } after ? after - countersBefore : null;
        var usage = await sampler.StopAsync();
        drops = ProcStatus.UdpReceiveBufferErrors() - drops;
        await peer.StopAsync();
        var run = new PeerRun(blast, stored, drops, usage, counters);
        Progress($"NetOps at {rate:N0}/s: sent {blast.Sent:N0} ({blast.AchievedRate:N0}/s), stored {stored:N0} ({run.StoredShare:P2})");
        return run;
    }

    private string Header(string? rsyslogVersion, double loadBefore, double loadAfter)
    {
        Span<byte> line = stackalloc byte[FortiGateDenyLog.MaxLength];
        var length = new FortiGateDenyLog(MeasuredDevice).Write(line, 123_456, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
        var kernel = TryRead("/proc/sys/kernel/osrelease")?.Trim() ?? "?";
        var cpu = TryRead("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        return string.Create(CultureInfo.InvariantCulture, $"""
            NetOps syslog ingest benchmark: unique FortiGate deny lines ({length} B) over UDP to 127.0.0.1, {_options.Seconds} s per rate and peer, {_options.WarmupSeconds} s warm-up (not counted)
            machine: {Environment.ProcessorCount} cores ({cpu}), Linux {kernel}, .NET {Environment.Version}; sender: one thread in the harness
            load average (1 min) before/after: {loadBefore:0.0} / {loadAfter:0.0}{(Math.Max(loadBefore, loadAfter) > Environment.ProcessorCount ? " -- other work shares this machine; the figures are noisy" : "")}
            rsyslog: {rsyslogVersion ?? "skipped"}, imudp (1 thread) -> omfile, rcvbuf {ReceiveBufferBytes >> 20} MB; stored = lines in its file
            NetOps:  Release host, --Roles=collector, AggregationSeconds=1, rcvbuf {ReceiveBufferBytes >> 20} MB (default), influxd 1.6 on loopback; stored = sum(firewall.count)
            """);
    }

    private static double LoadAverage()
        => double.TryParse(TryRead("/proc/loadavg")?.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var l) ? l : 0;

    private void Progress(string message) => _progress.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private static string? TryRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try { directory.Delete(recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
