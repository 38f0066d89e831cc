using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Attacks;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Influx;

namespace NetOps.Analyzer.Tests.Attacks;

/// <summary>The window logic shared by the surge detectors, on canned query results (the real InfluxDB runs in the integration tests).</summary>
public sealed class DenySurgeDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly CannedInflux _influx = new();

    private DenySurgeDetector Detector(AttackOptions? options = null) =>
        new(_influx, new FixedMonitor(options ?? new AttackOptions()), NullLogger<DenySurgeDetector>.Instance);

    /// <summary>One five-minute window whose five 60 s buckets each hold <paramref name="denies"/> at fw1 of 352012.</summary>
    private async Task<WindowResult> WindowAsync(DenySurgeDetector detector, int index, string? state, params double[] denies)
    {
        var from = T0.AddMinutes(5 * index);
        _influx.Next = Result(from, denies);
        return await detector.AnalyzeAsync(new AnalysisWindow(from, from.AddMinutes(5)), state, CancellationToken.None);
    }

    private static InfluxQueryResult Result(DateTimeOffset from, double[] denies)
    {
        var values = denies.Select((n, i) => (IReadOnlyList<JsonElement>)
            [JsonSerializer.SerializeToElement(Point.ToNanoseconds(from.AddMinutes(i))), JsonSerializer.SerializeToElement(n)]).ToList();
        var series = new InfluxSeries("firewall", new Dictionary<string, string> { ["site"] = "352012", ["device"] = "352012-fw1" }, ["time", "n"], values);
        return new InfluxQueryResult([new InfluxStatementResult(0, [series], null)]);
    }

    private static RobustBaseline Baseline(string? state) => JsonSerializer.Deserialize<BaselineState>(state!, Json)!.Find("352012")!;

    [Fact]
    public async Task Cold_start_fires_on_the_floor_alone()
    {
        var result = await WindowAsync(Detector(), 0, null, 30, 600, 30, 30, 30); // 10/s in one minute
        var d = Assert.Single(result.Detections);
        Assert.Equal(DetectionKind.DenySurge, d.Kind);
        Assert.Equal(5, d.Expected);
        Assert.Equal(10, d.Value);
        Assert.Equal(2, d.Score);
        Assert.Equal(T0.AddMinutes(1), d.Time);
        Assert.Contains("no baseline yet", Assert.Single(d.Evidence, e => e.Source == "baseline").Detail);
    }

    [Fact]
    public async Task A_window_that_fired_is_left_out_of_the_baseline()
    {
        var detector = Detector();
        string? state = null;
        for (int i = 0; i < 20; i++) state = (await WindowAsync(detector, i, state, 30, 30, 30, 30, 30)).StateJson;
        var before = Baseline(state);

        var surge = await WindowAsync(detector, 20, state, 30, 6000, 30, 30, 30);
        Assert.Single(surge.Detections);
        var after = Baseline(surge.StateJson);
        Assert.Equal(before.Samples, after.Samples);
        Assert.Equal(before.Median, after.Median);
    }

    [Fact]
    public async Task A_site_that_is_always_busy_is_held_to_its_own_baseline_above_the_floor()
    {
        var detector = Detector();
        string? state = null;
        // 6–7 denies/s all day: above the floor of 5, so the first windows fire (cold start) and are not learned…
        var first = await WindowAsync(detector, 0, state, 400, 400, 400, 400, 400);
        Assert.Single(first.Detections);
        // …until an operator raises the floor for the site class; then the baseline learns it and takes over.
        var raised = new AttackOptions { DenySurge = { MinDeniesPerSecond = 20 } };
        detector = Detector(raised);
        state = first.StateJson;
        for (int i = 1; i < 30; i++)
        {
            var r = await WindowAsync(detector, i, state, 380, 400, 420, 390, 410);
            Assert.Empty(r.Detections);
            state = r.StateJson;
        }
        Assert.InRange(Baseline(state).Median, 6, 7.5);
        detector = Detector();
        // Back to the default floor: 2.5× the usual is not a surge (ratio 4), 5× is.
        Assert.Empty((await WindowAsync(detector, 30, state, 1000, 1000, 400, 400, 400)).Detections);
        var d = Assert.Single((await WindowAsync(detector, 31, state, 400, 2100, 400, 400, 400)).Detections);
        Assert.True(d.Expected > 5, $"expected {d.Expected}");
        Assert.Contains("from the site's median", Assert.Single(d.Evidence, e => e.Source == "baseline").Detail);
    }

    [Fact]
    public async Task The_query_is_one_for_every_site()
    {
        await WindowAsync(Detector(), 0, null, 1);
        var q = Assert.Single(_influx.Queries);
        Assert.Contains("GROUP BY \"site\", \"device\", time(60s)", q);
        Assert.DoesNotContain("352012", q);
    }

    private sealed class CannedInflux : IInfluxClient
    {
        public InfluxQueryResult Next { get; set; } = new([]);
        public List<string> Queries { get; } = [];

        public Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken = default)
        {
            Queries.Add(influxQl);
            return Task.FromResult(Next);
        }

        public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<InfluxPing> PingAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class FixedMonitor(AttackOptions value) : IOptionsMonitor<AttackOptions>
    {
        public AttackOptions CurrentValue => value;
        public AttackOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AttackOptions, string?> listener) => null;
    }
}
