using System.Globalization;
using System.Text.Json;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Dashboard.Ui.Board;

/// <summary>A time bucket of a chart: its start (UTC) and one value per series.</summary>
public sealed record ChartSeries(string Key, IReadOnlyList<double> Values);

/// <summary>Series over shared bucket starts: what a line chart draws.</summary>
public sealed record ChartData(IReadOnlyList<DateTimeOffset> Buckets, TimeSpan Step, IReadOnlyList<ChartSeries> Series)
{
    public static readonly ChartData Empty = new([], TimeSpan.FromMinutes(1), []);
    public bool HasData => Series.Any(s => s.Values.Any(v => v != 0));
}

/// <summary>An event of the site's timeline as InfluxDB holds it.</summary>
public sealed record SiteEvent(DateTimeOffset Time, string Kind, string? Device, string? Severity, string? Line, string Message);

/// <summary>One address of the site's top talkers over the range, summed over the windows.</summary>
public sealed record SiteTalker(string Address, string Role, long Bytes, long Packets, long Flows);

/// <summary>
/// One interface of the site's devices as its latest SNMP poll found it: rates over that poll's interval (null on an
/// interface's first poll, which has no increments), errors in the interval, speed and operational state.
/// </summary>
public sealed record SiteInterface(
    string Device, string IfName, string Line, string? Alias, bool? OperUp, double? SpeedMbps, double? InBitsPerSecond, double? OutBitsPerSecond,
    double? Errors, DateTimeOffset Time)
{
    /// <summary>The busier direction's share of the speed (0–1 and beyond), when both are known.</summary>
    public double? Utilisation
    {
        get
        {
            if (SpeedMbps is not > 0 || (InBitsPerSecond ?? OutBitsPerSecond) is null) return null;
            return Math.Max(InBitsPerSecond ?? 0, OutBitsPerSecond ?? 0) / (SpeedMbps.Value * 1e6);
        }
    }
}

/// <summary>Everything the site page draws from InfluxDB for one range.</summary>
public sealed record SiteHistoryData(
    DateTimeOffset From, DateTimeOffset To, ChartData Lines, string LinesSource, ChartData Firewall, IReadOnlyList<SiteEvent> Events,
    IReadOnlyList<SiteTalker> Talkers, string? Error)
{
    /// <summary>The latest poll of each interface in <see cref="SiteHistory.InterfaceLookback"/> before the range's end, by device and name.</summary>
    public IReadOnlyList<SiteInterface> Interfaces { get; init; } = [];
}

/// <summary>
/// A site's history from InfluxDB for the site page: traffic on each line (bits per second from the routers' SNMP
/// interface counters when there are any, else the flow bytes each line's router exported), firewall permits and
/// denies, the event timeline, the top talkers and each interface's latest poll. One query of six statements per load.
/// </summary>
public sealed class SiteHistory(IInfluxClient influx, IInventorySource inventory)
{
    /// <summary>About this many buckets across any range.</summary>
    public const int Buckets = 120;

    public const int MaxEvents = 300;

    /// <summary>How far back the interface table looks for a device's latest poll (a device silent longer has no rows).</summary>
    public static readonly TimeSpan InterfaceLookback = TimeSpan.FromMinutes(30);

    /// <summary>At most this many interfaces in the table (a site's routers and firewall have a handful; a switch stack many).</summary>
    public const int MaxInterfaces = 200;

    public async Task<SiteHistoryData> LoadAsync(string site, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (to <= from) to = from.AddMinutes(1);
        var step = StepFor(to - from);
        string where = $"\"site\" = {InfluxHttpClient.QuoteString(site)} AND time >= {Ns(from)} AND time < {Ns(to)}";
        string group = $"GROUP BY time({(long)step.TotalSeconds}s)";
        string q =
            $"SELECT sum(\"in_octets\") + sum(\"out_octets\") AS octets FROM \"interface\" WHERE {where} AND \"line\" != 'none' {group}, \"line\" fill(0); " +
            $"SELECT sum(\"bytes\") AS bytes FROM \"flow\" WHERE {where} {group}, \"exporter\" fill(0); " +
            $"SELECT sum(\"count\") AS n FROM \"firewall\" WHERE {where} {group}, \"action\" fill(0); " +
            $"SELECT \"message\", \"kind\", \"device\", \"severity\", \"line\" FROM \"event\" WHERE {where} ORDER BY time DESC LIMIT {MaxEvents}; " +
            $"SELECT \"address\", \"role\", \"bytes\", \"packets\", \"flows\" FROM \"flow_top\" WHERE {where} LIMIT 5000; " +
            $"SELECT * FROM \"interface\" WHERE \"site\" = {InfluxHttpClient.QuoteString(site)} AND time >= {Ns(to - InterfaceLookback)} AND time <= {Ns(to)} " +
            $"GROUP BY \"device\", \"ifname\" ORDER BY time DESC LIMIT 1 SLIMIT {MaxInterfaces}";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var result = await influx.QueryAsync(q, timeout.Token);
            var buckets = BucketStarts(from, to, step);
            var fromSnmp = LineSeries(At(result, 0), buckets, step, s => s.Tags.GetValueOrDefault("line"), bitsPerSecond: true);
            var lines = fromSnmp.HasData ? fromSnmp : LineSeries(At(result, 1), buckets, step, s => LineOfExporter(site, s.Tags.GetValueOrDefault("exporter")), bitsPerSecond: true);
            var firewall = LineSeries(At(result, 2), buckets, step, s => s.Tags.GetValueOrDefault("action"), bitsPerSecond: false);
            var error = result.Statements.FirstOrDefault(s => s.Error is not null && !s.Error.Contains("not found", StringComparison.OrdinalIgnoreCase))?.Error;
            return new SiteHistoryData(from, to, lines, fromSnmp.HasData ? "snmp" : "flow", firewall, Events(At(result, 3)), Talkers(At(result, 4)), error)
            {
                Interfaces = Interfaces(At(result, 5)),
            };
        }
        catch (Exception e) when (e is InfluxException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SiteHistoryData(from, to, ChartData.Empty, "none", ChartData.Empty, [], [], e is OperationCanceledException ? "InfluxDB did not answer within 10 s" : e.Message);
        }
    }

    /// <summary>The bucket width for a range: a round number of seconds giving about <see cref="Buckets"/> buckets, at least 10 s.</summary>
    public static TimeSpan StepFor(TimeSpan range)
    {
        long[] steps = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
        double want = range.TotalSeconds / Buckets;
        foreach (var s in steps) if (s >= want) return TimeSpan.FromSeconds(s);
        return TimeSpan.FromDays(1);
    }

    private static IReadOnlyList<DateTimeOffset> BucketStarts(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        long s = (long)step.TotalSeconds;
        long first = from.ToUnixTimeSeconds() / s * s;
        var list = new List<DateTimeOffset>();
        for (long t = first; t < to.ToUnixTimeSeconds(); t += s) list.Add(DateTimeOffset.FromUnixTimeSeconds(t));
        return list;
    }

    private string LineOfExporter(string site, string? exporter)
    {
        var s = inventory.Current.Sites.FirstOrDefault(x => x.Code == site);
        var device = s?.Devices.FirstOrDefault(d => d.Name == exporter);
        return device?.Line is { Length: > 0 } line ? line : "other";
    }

    /// <summary>Sums series into one per key (primary, backup; permit, deny) over the bucket starts.</summary>
    private static ChartData LineSeries(InfluxStatementResult? statement, IReadOnlyList<DateTimeOffset> buckets, TimeSpan step,
        Func<InfluxSeries, string?> keyOf, bool bitsPerSecond)
    {
        var index = new Dictionary<long, int>(buckets.Count);
        for (int i = 0; i < buckets.Count; i++) index[buckets[i].ToUnixTimeSeconds()] = i;
        var sums = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var series in statement?.Series ?? [])
        {
            var key = keyOf(series) ?? "other";
            if (!sums.TryGetValue(key, out var values)) sums[key] = values = new double[buckets.Count];
            foreach (var row in series.Values)
            {
                if (row.Count < 2 || Time(row[0]) is not { } t || !index.TryGetValue(t.ToUnixTimeSeconds(), out var i)) continue;
                double v = Number(row[1]);
                values[i] += bitsPerSecond ? v * 8 / step.TotalSeconds : v;
            }
        }
        return new ChartData(buckets, step, [.. sums.Select(kv => new ChartSeries(kv.Key, kv.Value))]);
    }

    private static IReadOnlyList<SiteEvent> Events(InfluxStatementResult? statement)
    {
        var list = new List<SiteEvent>();
        foreach (var row in statement?.Series.SelectMany(s => s.Rows()) ?? [])
        {
            if (Time(row.GetValueOrDefault("time")) is not { } t) continue;
            list.Add(new SiteEvent(t, Text(row, "kind") ?? "event", Text(row, "device"), Text(row, "severity"), Text(row, "line"), Text(row, "message") ?? ""));
        }
        return list;
    }

    private static IReadOnlyList<SiteTalker> Talkers(InfluxStatementResult? statement) =>
        (statement?.Series.SelectMany(s => s.Rows()) ?? [])
            .Where(r => Text(r, "address") is not null)
            .GroupBy(r => (Text(r, "address")!, Text(r, "role") ?? ""))
            .Select(g => new SiteTalker(g.Key.Item1, g.Key.Item2, g.Sum(r => (long)Number(r.GetValueOrDefault("bytes"))),
                g.Sum(r => (long)Number(r.GetValueOrDefault("packets"))), g.Sum(r => (long)Number(r.GetValueOrDefault("flows")))))
            .OrderByDescending(t => t.Bytes).Take(10).ToList();

    private static IReadOnlyList<SiteInterface> Interfaces(InfluxStatementResult? statement)
    {
        var list = new List<SiteInterface>();
        foreach (var series in statement?.Series ?? [])
        {
            var device = series.Tags.GetValueOrDefault("device") ?? "";
            var ifName = series.Tags.GetValueOrDefault("ifname") ?? "";
            foreach (var row in series.Rows())
            {
                if (Time(row.GetValueOrDefault("time")) is not { } t) continue;
                double? elapsed = Maybe(row, "elapsed_s") is > 0 and var e ? e : null;
                double? Rate(string field) => elapsed is { } s && Maybe(row, field) is { } octets ? octets * 8 / s : null;
                double? inErrors = Maybe(row, "in_errors"), outErrors = Maybe(row, "out_errors");
                double? errors = inErrors is null && outErrors is null ? null : (inErrors ?? 0) + (outErrors ?? 0);
                list.Add(new SiteInterface(device, ifName, Text(row, "line") ?? "none", Text(row, "alias"),
                    Maybe(row, "oper_up") is { } up ? up != 0 : null, Maybe(row, "speed_mbps"), Rate("in_octets"), Rate("out_octets"), errors, t));
                break;
            }
        }
        return [.. list.OrderBy(i => i.Device, StringComparer.Ordinal).ThenBy(i => LineOrder(i.Line)).ThenBy(i => i.IfName, StringComparer.Ordinal)];
    }

    private static int LineOrder(string line) => line switch { "primary" => 0, "backup" => 1, _ => 2 };

    private static double? Maybe(IReadOnlyDictionary<string, JsonElement> row, string key) =>
        row.TryGetValue(key, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    private static InfluxStatementResult? At(InfluxQueryResult r, int i) => r.Statements.Count > i ? r.Statements[i] : null;

    private static string Ns(DateTimeOffset t) => ((t - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);

    private static string? Text(IReadOnlyDictionary<string, JsonElement> row, string key) =>
        row.TryGetValue(key, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 0;

    /// <summary>A row's time: nanoseconds since the epoch (the client asks with <c>epoch=ns</c>) or an RFC 3339 string.</summary>
    private static DateTimeOffset? Time(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var ns) => DateTimeOffset.UnixEpoch.AddTicks(ns / 100),
        JsonValueKind.String when DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => null,
    };
}
