using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NetOps.Bench.Ingest;

/// <summary>A peer process (rsyslogd, influxd, NetOps) with its output in a log file; stopped with SIGTERM, then SIGKILL.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private ChildProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }
    public string LogPath { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string logPath)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start())
        {
            log.Dispose();
            throw new InvalidOperationException($"could not start {name} ({fileName})");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>CPU time (user + system) so far; null once the process is gone.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? null : _process.TotalProcessorTime;
        }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>SIGTERM (so rsyslogd flushes and NetOps drains), then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { KillNow(); }
    }

    /// <summary>SIGKILL, for a harness that is itself going away.</summary>
    public void KillNow()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    /// <summary>The last lines of the log, to show why a peer did not start.</summary>
    public string Tail(int lines)
    {
        lock (_logLock) _log.Flush();
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException) { return ""; }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(); } catch (InvalidOperationException) { }
        lock (_logLock) _log.Dispose();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_logLock)
        {
            try { _log.WriteLine(line); }
            catch (ObjectDisposedException) { }
        }
    }

    // Process.Kill only sends SIGKILL; rsyslogd and NetOps need SIGTERM to write what they hold.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
