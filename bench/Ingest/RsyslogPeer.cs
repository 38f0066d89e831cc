using System.Diagnostics;
using System.Net;

namespace NetOps.Bench.Ingest;

/// <summary>
/// A private rsyslogd: one imudp input on 127.0.0.1, one omfile action writing <c>%msg%</c> lines to a file in its own
/// directory, no other inputs, its own pid file and work directory.
/// </summary>
public sealed class RsyslogPeer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RsyslogPeer(ChildProcess process, string outputPath, int port)
    {
        _process = process;
        OutputPath = outputPath;
        Endpoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public IPEndPoint Endpoint { get; }
    public string OutputPath { get; }
    public ChildProcess Process => _process;

    /// <summary>rsyslogd from PATH or /usr/sbin; null when the rsyslog package is not installed.</summary>
    public static string? FindBinary() => Executables.Find("rsyslogd");

    /// <summary>"rsyslogd 8.2302.0", from <c>rsyslogd -v</c>.</summary>
    public static async Task<string> VersionAsync(string binary, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(binary, "-v") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = System.Diagnostics.Process.Start(info)!;
        var first = await p.StandardOutput.ReadLineAsync(cancellationToken) ?? "rsyslogd";
        await p.WaitForExitAsync(cancellationToken);
        var parts = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? $"{parts[0]} {parts[1]}" : first.Trim();
    }

    /// <param name="receiveBufferBytes">imudp's socket buffer, the same as NetOps' <c>Collector:Syslog:ReceiveBufferBytes</c>,
    /// so both start with the same kernel queue (rsyslog forces it past rmem_max when root, as NetOps does).</param>
    public static async Task<RsyslogPeer> StartAsync(string binary, string directory, int port, int receiveBufferBytes,
        ChildProcessSet children, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var work = Directory.CreateDirectory(Path.Combine(directory, "work")).FullName;
        var output = Path.Combine(directory, "messages.log");
        var config = Path.Combine(directory, "rsyslog.conf");
        await File.WriteAllTextAsync(config, $$"""
            # Written by the NetOps syslog ingest benchmark: one UDP input, one file, nothing else.
            global(workDirectory="{{work}}")
            module(load="imudp" threads="1")
            input(type="imudp" port="{{port}}" address="127.0.0.1" rcvbufSize="{{receiveBufferBytes / 1024}}k")
            template(name="benchMsg" type="string" string="%msg%\n")
            action(type="omfile" file="{{output}}" template="benchMsg" asyncWriting="off" flushOnTXEnd="off" ioBufferSize="256k")

            """, cancellationToken);

        var process = children.Start("rsyslogd", binary,
            ["-n", "-f", config, "-i", Path.Combine(directory, "rsyslogd.pid")], Path.Combine(directory, "rsyslogd.log"));
        var peer = new RsyslogPeer(process, output, port);
        var deadline = Stopwatch.StartNew();
        while (!ProcStatus.UdpPortBound(port))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                var tail = process.Tail(20);
                await peer.DisposeAsync();
                throw new PeerStartException($"rsyslogd did not bind UDP 127.0.0.1:{port} (log {process.LogPath}):\n{tail}");
            }
            await Task.Delay(50, cancellationToken);
        }
        return peer;
    }

    /// <summary>
    /// Waits until rsyslog has written everything it will: the file stops growing for <paramref name="quiet"/>.
    /// With flushOnTXEnd off the last partial buffer is only written at shutdown, so call <see cref="StopAsync"/> next.
    /// </summary>
    public async Task WaitUntilQuietAsync(TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var still = Stopwatch.StartNew();
        var last = -1L;
        while (total.Elapsed < limit)
        {
            var size = File.Exists(OutputPath) ? new FileInfo(OutputPath).Length : 0;
            if (size != last) { last = size; still.Restart(); }
            else if (still.Elapsed >= quiet) return;
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>SIGTERM: rsyslogd writes its buffers and exits.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(15));

    /// <summary>Lines of the output file that contain <paramref name="marker"/> (the measured device's name).</summary>
    public long CountLines(string marker)
    {
        if (!File.Exists(OutputPath)) return 0;
        long n = 0;
        foreach (var line in File.ReadLines(OutputPath))
            if (line.Contains(marker, StringComparison.Ordinal)) n++;
        return n;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
