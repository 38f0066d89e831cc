using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using NetOps.Bench.Ingest;
using NetOps.Core.Inventory;

namespace NetOps.Bench.Flows;

/// <summary>A private <c>nfcapd</c> writing to its own directory, counted afterwards with <c>nfdump -I</c>.</summary>
public sealed class NfcapdBenchPeer(ChildProcess process, string directory, int port) : IAsyncDisposable
{
    public ChildProcess Process => process;
    public IPEndPoint Endpoint { get; } = new(IPAddress.Loopback, port);

    public static async Task<NfcapdBenchPeer> StartAsync(string binary, string directory, PortAllocator ports, int receiveBufferBytes,
        ChildProcessSet children, CancellationToken cancellationToken)
    {
        var output = Path.Combine(directory, "flows");
        Directory.CreateDirectory(output);
        int port = ports.Next();
        var process = children.Start("nfcapd", binary,
            ["-w", output, "-p", port.ToString(CultureInfo.InvariantCulture), "-b", "127.0.0.1", "-t", "3600", "-B", receiveBufferBytes.ToString(CultureInfo.InvariantCulture)],
            Path.Combine(directory, "nfcapd.log"));
        var deadline = Stopwatch.StartNew();
        while (!ProcStatus.UdpPortBound(port))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new PeerStartException($"nfcapd did not listen on UDP 127.0.0.1:{port} (log {process.LogPath}):\n{process.Tail(20)}");
            await Task.Delay(50, cancellationToken);
        }
        return new NfcapdBenchPeer(process, output, port);
    }

    /// <summary>Stops nfcapd (SIGTERM writes its file) and returns the flow records it stored.</summary>
    public async Task<long> StopAndCountAsync(string nfdump, CancellationToken cancellationToken)
    {
        await process.StopAsync(TimeSpan.FromSeconds(30));
        var psi = new ProcessStartInfo(nfdump) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-R", directory, "-I" }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var text = await p.StandardOutput.ReadToEndAsync(cancellationToken);
        await p.WaitForExitAsync(cancellationToken);
        long flows = 0;
        foreach (var line in text.Split('\n'))
            if (line.StartsWith("Flows:", StringComparison.Ordinal) && long.TryParse(line[6..].Trim(), CultureInfo.InvariantCulture, out var n)) flows += n;
        return flows;
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}

/// <summary>The NetOps host, collector role, NetFlow on a port of its own, writing to its own database.</summary>
public sealed class NetOpsFlowPeer(ChildProcess process, HttpClient http, Uri influx, string database, int netflowPort) : IAsyncDisposable
{
    public ChildProcess Process => process;
    public IPEndPoint Endpoint { get; } = new(IPAddress.Loopback, netflowPort);

    public static async Task<NetOpsFlowPeer> StartAsync(string hostDll, string directory, Uri influx, string database, PortAllocator ports,
        ChildProcessSet children, HttpClient http, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        int syslogPort = ports.Next(), netflowPort = ports.Next(), dashboardPort = ports.Next();
        // The replayer sends from 127.0.0.1: make it a known router, so the run measures the normal path.
        var inventory = Path.Combine(directory, "inventory.json");
        new SiteInventory([
            new Site { Code = "000000", Name = "centre", Prefecture = "00" },
            new Site
            {
                Code = "352012", Name = "下関市", Prefecture = "35", Parent = "000000", Prefixes = ["10.35.1.0/24"],
                Devices = [new Device { Name = "bench-rt1", Kind = "router", Line = "primary", Addresses = ["127.0.0.1"] }],
            },
        ]).Save(inventory);
        var dashboard = new Uri($"http://127.0.0.1:{dashboardPort}");
        string[] arguments =
        [
            hostDll, $"--DataDir={directory}", $"--Influx:Url={influx.ToString().TrimEnd('/')}", $"--Influx:Database={database}",
            $"--Inventory:Path={inventory}", $"--Collector:Syslog:Port={syslogPort}", $"--Collector:NetFlow:Port={netflowPort}",
            "--Collector:Ipfix:Port=0", "--Collector:Snmp:TrapPort=0", "--Collector:Flows:AggregationSeconds=1", $"--Dashboard:Url={dashboard.ToString().TrimEnd('/')}", "--Roles=collector",
        ];
        var process = children.Start("NetOps", Executables.Find("dotnet") ?? "dotnet", arguments, Path.Combine(directory, "netops.log"));
        var deadline = Stopwatch.StartNew();
        while (!ProcStatus.UdpPortBound(netflowPort) || !await AnswersAsync(http, new Uri(dashboard, "metrics"), cancellationToken))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(90))
                throw new PeerStartException($"NetOps did not listen on UDP 127.0.0.1:{netflowPort} (log {process.LogPath}):\n{process.Tail(30)}");
            await Task.Delay(200, cancellationToken);
        }
        return new NetOpsFlowPeer(process, http, influx, database, netflowPort);
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        try { using var r = await http.GetAsync(uri, cancellationToken); return r.IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return false; }
    }

    /// <summary><c>sum(flows)</c> over every flow point: the records NetOps decoded and stored.</summary>
    public async Task<long> StoredAsync(CancellationToken cancellationToken)
    {
        var q = Uri.EscapeDataString("SELECT sum(\"flows\") FROM \"flow\"");
        using var response = await http.GetAsync(new Uri(influx, $"query?db={Uri.EscapeDataString(database)}&q={q}"), cancellationToken);
        if (!response.IsSuccessStatusCode) return 0;
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series)) continue;
            foreach (var s in series.EnumerateArray())
                foreach (var row in s.GetProperty("values").EnumerateArray())
                    return row[1].ValueKind == JsonValueKind.Number ? (long)row[1].GetDouble() : 0;
        }
        return 0;
    }

    /// <summary>Polls the stored count until it has not changed for <paramref name="quiet"/>.</summary>
    public async Task<long> WaitUntilStoredAsync(TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var still = Stopwatch.StartNew();
        long last = -1;
        while (true)
        {
            var stored = await StoredAsync(cancellationToken);
            if (stored != last) { last = stored; still.Restart(); }
            else if (still.Elapsed >= quiet || total.Elapsed >= limit) return stored;
            await Task.Delay(250, cancellationToken);
        }
    }

    public Task StopAsync() => process.StopAsync(TimeSpan.FromSeconds(15));

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
