using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NetOps.Bench.Ingest;

/// <summary>A private influxd (Debian's InfluxDB 1.6) with its meta, data and WAL in one directory, on loopback ports.</summary>
public sealed class InfluxPeer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private InfluxPeer(ChildProcess process, HttpClient http, Uri url)
    {
        _process = process;
        _http = http;
        Url = url;
    }

    public Uri Url { get; }

    public static string? FindBinary() => Executables.Find("influxd");

    public static async Task<InfluxPeer> StartAsync(string binary, string directory, PortAllocator ports, ChildProcessSet children,
        HttpClient http, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        int httpPort = ports.Next(), rpcPort = ports.Next();
        var config = Path.Combine(directory, "influxdb.conf");
        await File.WriteAllTextAsync(config, $"""
            # Written by the NetOps syslog ingest benchmark; a private influxd on loopback.
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"

            [meta]
              dir = "{directory}/meta"

            [data]
              dir = "{directory}/data"
              wal-dir = "{directory}/wal"
              query-log-enabled = false

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{httpPort}"
              log-enabled = false

            [logging]
              level = "warn"

            [continuous_queries]
              enabled = false

            [subscriber]
              enabled = false

            """, cancellationToken);

        var process = children.Start("influxd", binary, ["-config", config], Path.Combine(directory, "influxd.log"));
        var peer = new InfluxPeer(process, http, new Uri($"http://127.0.0.1:{httpPort}"));
        var deadline = Stopwatch.StartNew();
        while (!await peer.PingAsync(cancellationToken))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                var tail = process.Tail(20);
                await peer.DisposeAsync();
                throw new PeerStartException($"influxd did not answer {peer.Url}ping (log {process.LogPath}):\n{tail}");
            }
            await Task.Delay(100, cancellationToken);
        }
        return peer;
    }

    /// <summary><c>SELECT sum("count") FROM "firewall"</c>: the traffic lines NetOps stored; 0 when nothing (or no database) yet.</summary>
    public async Task<long> FirewallCountAsync(string database, CancellationToken cancellationToken)
    {
        var q = Uri.EscapeDataString("SELECT sum(\"count\") FROM \"firewall\"");
        using var response = await _http.GetAsync(new Uri(Url, $"query?db={Uri.EscapeDataString(database)}&q={q}"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) return 0;
        using var json = JsonDocument.Parse(body);
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series)) continue;
            foreach (var s in series.EnumerateArray())
                foreach (var row in s.GetProperty("values").EnumerateArray())
                {
                    var v = row[1];
                    return v.ValueKind == JsonValueKind.Number ? (long)v.GetDouble()
                        : long.Parse(v.GetRawText(), CultureInfo.InvariantCulture);
                }
        }
        return 0;
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(Url, "ping"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
    }
}
