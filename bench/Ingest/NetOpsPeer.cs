using System.Diagnostics;
using System.Net;

namespace NetOps.Bench.Ingest;

/// <summary>The NetOps host (collector role only) as its own process, writing to a database of its own.</summary>
public sealed class NetOpsPeer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http;
    private readonly Uri _dashboard;

    private NetOpsPeer(ChildProcess process, HttpClient http, Uri dashboard, int syslogPort, string database)
    {
        _process = process;
        _http = http;
        _dashboard = dashboard;
        Endpoint = new IPEndPoint(IPAddress.Loopback, syslogPort);
        Database = database;
    }

    public IPEndPoint Endpoint { get; }
    public string Database { get; }
    public ChildProcess Process => _process;

    public static async Task<NetOpsPeer> StartAsync(string hostDll, string directory, Uri influx, string database,
        PortAllocator ports, ChildProcessSet children, HttpClient http, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        int syslogPort = ports.Next(), dashboardPort = ports.Next();
        var dashboard = new Uri($"http://127.0.0.1:{dashboardPort}");
        string[] arguments =
        [
            hostDll,
            $"--DataDir={directory}",
            $"--Influx:Url={influx.ToString().TrimEnd('/')}",
            $"--Influx:Database={database}",
            $"--Collector:Syslog:Port={syslogPort}",
            // The firewall window is 5 s by default; 1 s lets the harness see the last counts sooner.
            "--Collector:Syslog:AggregationSeconds=1",
            $"--Dashboard:Url={dashboard.ToString().TrimEnd('/')}",
            "--Roles=collector",
            "--Collector:NetFlow:Port=0", "--Collector:Ipfix:Port=0", "--Collector:Snmp:TrapPort=0", // not measured here; never collide with a running demo
        ];
        var process = children.Start("NetOps", Executables.Find("dotnet") ?? "dotnet", arguments, Path.Combine(directory, "netops.log"));
        var peer = new NetOpsPeer(process, http, dashboard, syslogPort, database);
        var deadline = Stopwatch.StartNew();
        while (!ProcStatus.UdpPortBound(syslogPort) || await peer.CountersAsync(cancellationToken) is null)
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                var tail = process.Tail(30);
                await peer.DisposeAsync();
                throw new PeerStartException(
                    $"NetOps did not listen on UDP 127.0.0.1:{syslogPort} and serve {dashboard}metrics (log {process.LogPath}):\n{tail}");
            }
            await Task.Delay(200, cancellationToken);
        }
        return peer;
    }

    /// <summary>The UDP counters from /metrics; null when NetOps does not answer.</summary>
    public async Task<SyslogCounters?> CountersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(_dashboard, "metrics"), cancellationToken);
            if (!response.IsSuccessStatusCode) return null;
            return SyslogCounters.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; }
    }

    /// <summary>
    /// Polls the stored count until it has not changed for <paramref name="quiet"/>: the last window is aggregated and
    /// written. Returns the last count.
    /// </summary>
    public async Task<long> WaitUntilStoredAsync(InfluxPeer influx, TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var still = Stopwatch.StartNew();
        var last = -1L;
        while (true)
        {
            var stored = await influx.FirewallCountAsync(Database, cancellationToken);
            if (stored != last) { last = stored; still.Restart(); }
            else if (still.Elapsed >= quiet || total.Elapsed >= limit) return stored;
            await Task.Delay(250, cancellationToken);
        }
    }

    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(15));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
