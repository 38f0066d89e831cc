using NetOps.Testing;
using System.Diagnostics;
using System.Globalization;
using NetOps.Integration.Tests.Support;

namespace NetOps.Integration.Tests.Flows;

/// <summary>A private <c>nfcapd</c> (Debian nfdump 1.7) on 127.0.0.1, and <c>nfdump</c> to total what it stored.</summary>
public sealed class NfcapdPeer : IAsyncDisposable
{
    private readonly Process _process;

    private NfcapdPeer(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }

    public static async Task<NfcapdPeer> StartAsync(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        int port = TestPorts.Next();
        var psi = new ProcessStartInfo("nfcapd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-w", directory, "-p", port.ToString(CultureInfo.InvariantCulture), "-b", "127.0.0.1", "-t", "3600", "-B", "16777216" })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start nfcapd");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // nfcapd binds within a few ms; a datagram sent earlier would be lost for it alone and fail the comparison
        for (int i = 0; i < 50 && !UdpPortBound(port); i++) await Task.Delay(50);
        if (process.HasExited) throw new InvalidOperationException($"nfcapd exited with {process.ExitCode}");
        return new NfcapdPeer(process, directory, port);
    }

    private static bool UdpPortBound(int port)
    {
        var hex = $":{port:X4} ";
        return File.ReadLines("/proc/net/udp").Any(l => l.Contains(hex, StringComparison.Ordinal));
    }

    /// <summary>SIGTERM: nfcapd writes its open file and exits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        await Peers.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>Records, and the sums of the flows, packets and bytes fields, over every file nfcapd wrote.</summary>
    public async Task<(long Records, long Flows, long Packets, long Bytes)> TotalsAsync()
    {
        var text = await Peers.RunAsync("nfdump", ["-R", Directory, "-q", "-N", "-o", "fmt:%fl %pkt %byt"]);
        long records = 0, flows = 0, packets = 0, bytes = 0;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 3 || !long.TryParse(f[0], CultureInfo.InvariantCulture, out long fl)) continue;
            records++;
            flows += fl;
            packets += long.Parse(f[1], CultureInfo.InvariantCulture);
            bytes += long.Parse(f[2], CultureInfo.InvariantCulture);
        }
        return (records, flows, packets, bytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
