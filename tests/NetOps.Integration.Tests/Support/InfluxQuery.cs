using System.Text.Json;

namespace NetOps.Integration.Tests.Support;

/// <summary>Reads what NetOps stored, straight from InfluxDB's /query (independent of NetOps' own client).</summary>
public sealed class InfluxQuery(string url, string database = "netops")
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Rows of the first series of the first statement, as column → value.</summary>
    public async Task<List<Dictionary<string, JsonElement>>> RowsAsync(string influxQl)
    {
        var uri = $"{url.TrimEnd('/')}/query?db={Uri.EscapeDataString(database)}&epoch=ns&q={Uri.EscapeDataString(influxQl)}";
        using var doc = JsonDocument.Parse(await Http.GetStringAsync(uri));
        var rows = new List<Dictionary<string, JsonElement>>();
        var result = doc.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.GetString());
        if (!result.TryGetProperty("series", out var series)) return rows;
        foreach (var s in series.EnumerateArray())
        {
            var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            var tags = s.TryGetProperty("tags", out var t) ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()) : [];
            foreach (var v in s.GetProperty("values").EnumerateArray())
            {
                var row = new Dictionary<string, JsonElement>(tags);
                int i = 0;
                foreach (var cell in v.EnumerateArray()) row[columns[i++]] = cell.Clone();
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>Polls until <paramref name="influxQl"/> returns rows (NetOps writes in batches), or fails after <paramref name="timeout"/> (60 s).</summary>
    public async Task<List<Dictionary<string, JsonElement>>> WaitRowsAsync(string influxQl, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var rows = await RowsAsync(influxQl);
            if (rows.Count > 0) return rows;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"nothing matched {influxQl}");
            await Task.Delay(200);
        }
    }

    public async Task<long> ScalarAsync(string influxQl)
    {
        var rows = await RowsAsync(influxQl);
        if (rows.Count == 0) return 0;
        var value = rows[0].Where(kv => kv.Key != "time").Select(kv => kv.Value).First();
        return value.ValueKind == JsonValueKind.Number ? (long)value.GetDouble() : 0;
    }

    /// <summary>Polls until <paramref name="query"/> returns at least <paramref name="expected"/> (or the timeout passes); returns the last value.</summary>
    public async Task<long> WaitForAsync(string query, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long last = 0;
        while (DateTime.UtcNow < deadline)
        {
            try { last = await ScalarAsync(query); } catch (HttpRequestException) { }
            if (last >= expected) return last;
            await Task.Delay(250);
        }
        return last;
    }
}
