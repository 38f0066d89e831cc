using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Influx;
using NetOps.Core.Metrics;
using NetOps.Core.State;

namespace NetOps.Analyzer.Tests.Windows;

/// <summary>The window runner against a real (SQLite) state DB: restarts and failures neither skip nor repeat a window.</summary>
public sealed class WindowRunnerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 5, TimeSpan.Zero));
    private readonly AnalyzerOptions _options = new() { WindowSeconds = 60, LagSeconds = 30, BackfillMinutes = 10, MaxWindowsPerRun = 1000 };
    private readonly RecordingWriter _writer = new();
    private StateDbContextFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        var dir = Directory.CreateTempSubdirectory("netops-runner-").FullName;
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "netops.db"), Pooling = true }.ToString();
        _factory = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite, cs));
        await using var db = _factory.CreateDbContext();
        await StateDbInitializer.MigrateAsync(db, NullLogger.Instance, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Across_restarts_and_a_failing_window_every_window_is_analysed_once_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new List<AnalysisWindow>();
        // First start at 10:00:05: ten minutes of backfill, windows 09:48 … 09:58 (the last ends before now minus the lag).
        Assert.Equal(11, await NewRunner(new CountingDetector(seen)).RunDueAsync(ct));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 48, 0, TimeSpan.Zero), seen[0].From);
        _time.Advance(TimeSpan.FromMinutes(3));
        // A restart (a new runner and detector) carries on from the watermark; its second window fails (InfluxDB away).
        Assert.Equal(0, await NewRunner(new CountingDetector(seen) { FailAt = 2 }).RunDueAsync(ct)); // logged; the first window's watermark stays
        Assert.Equal(13, seen.Count);
        _time.Advance(TimeSpan.FromMinutes(2));
        // The next run starts at the failed window: 09:59 (done), then 10:00 (failed, again) … 10:03.
        Assert.Equal(4, await NewRunner(new CountingDetector(seen)).RunDueAsync(ct));

        var starts = seen.Where(w => !w.Rerun).Select(w => w.From).ToList();
        Assert.Equal(starts.Distinct().Count(), starts.Count - 1); // the failed window was tried again, once
        var done = starts.Distinct().Order().ToList();
        for (int i = 1; i < done.Count; i++) Assert.Equal(done[i - 1].AddMinutes(1), done[i]);
        Assert.True(done[^1].AddMinutes(1) <= _time.GetUtcNow().AddSeconds(-30));

        await using var db = _factory.CreateDbContext();
        var mark = db.WindowWatermarks.Single();
        Assert.Equal(done[^1].AddMinutes(1).ToUnixTimeMilliseconds(), mark.WatermarkMs);
        Assert.Equal(done.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), mark.StateJson);
        // One detection per window, each stored once.
        Assert.Equal(done.Count, db.Detections.Count());
    }

    [Fact]
    public async Task A_rerun_stores_only_what_the_scheduled_runs_did_not_and_leaves_the_watermark()
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new List<AnalysisWindow>();
        await NewRunner(new CountingDetector(seen)).RunDueAsync(ct);
        await using var before = _factory.CreateDbContext();
        var mark = before.WindowWatermarks.Single().WatermarkMs;
        var from = _time.GetUtcNow().AddMinutes(-20);
        var summary = await NewRunner(new CountingDetector(seen)).RerunAsync(from, _time.GetUtcNow().AddSeconds(-30), null, null, ct);
        Assert.Equal(summary.Windows, summary.Found);
        Assert.Equal(summary.Found - 11, summary.Stored); // the eleven scheduled windows' findings were there already
        await using var db = _factory.CreateDbContext();
        Assert.Equal(mark, db.WindowWatermarks.Single().WatermarkMs);
        Assert.Equal(summary.Found, db.Detections.Count());
        Assert.Equal(summary.Stored, db.Detections.Count(d => d.Rerun));
        Assert.True(_writer.Points.Count >= summary.Found);
    }

    [Fact]
    public async Task A_filter_with_no_sites_left_answers_none_and_one_without_sites_answers_all()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new DetectionStore(_factory, _writer, new NetOpsMetrics(), _time, NullLogger<DetectionStore>.Instance);
        await store.PublishAsync([new Detection { Time = _time.GetUtcNow(), Site = "352012", Detector = "t", Kind = DetectionKind.Outage, Message = "x" }], ct);
        Assert.Single(await store.QueryAsync(new DetectionFilter(), ct));
        Assert.Single(await store.QueryAsync(new DetectionFilter { Sites = ["352012"] }, ct));
        // A prefecture with none of the named sites: nothing, not every site's detections.
        Assert.Empty(await store.QueryAsync(new DetectionFilter { Sites = [] }, ct));
    }

    private WindowRunner NewRunner(IWindowDetector detector)
    {
        var metrics = new NetOpsMetrics();
        var store = new DetectionStore(_factory, _writer, metrics, _time, NullLogger<DetectionStore>.Instance);
        return new WindowRunner([detector], new WindowWatermarks(_factory, _time), store, new StaticMonitor<AnalyzerOptions>(_options),
            new AnalyzerMetrics(metrics), _time, NullLogger<WindowRunner>.Instance);
    }

    /// <summary>Counts windows in its state and finds one thing per window; can fail at its Nth window.</summary>
    private sealed class CountingDetector(List<AnalysisWindow> seen) : IWindowDetector
    {
        private int _calls;
        public int? FailAt { get; init; }
        public string Name => "counting";

        public Task<WindowResult> AnalyzeAsync(AnalysisWindow window, string? stateJson, CancellationToken cancellationToken)
        {
            seen.Add(window);
            if (++_calls == FailAt) throw new InfluxException("InfluxDB is away", isRetryable: true);
            int count = int.Parse(stateJson ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1;
            var found = new Detection { Time = window.From, Site = "352012", Detector = Name, Kind = DetectionKind.Anomaly, Message = "x", Rerun = window.Rerun };
            return Task.FromResult(new WindowResult([found], count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private sealed class RecordingWriter : IPointWriter
    {
        public List<Point> Points { get; } = [];
        public bool TryWrite(Point point) { lock (Points) Points.Add(point); return true; }
        public ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default) { TryWrite(point); return ValueTask.CompletedTask; }
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class StaticMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
