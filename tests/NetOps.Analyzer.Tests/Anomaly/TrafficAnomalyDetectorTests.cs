using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Anomaly;

/// <summary>Against a real influxd: a week of flow points per exporter, one anomaly, the detector run window by window.</summary>
public sealed class TrafficAnomalyDetectorTests(SharedInfluxFixture influx) : IClassFixture<SharedInfluxFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    [Fact]
    public async Task A_week_of_town_hall_traffic_with_one_surge_on_the_primary_line_gives_exactly_that_detection()
    {
        var inventory = DemoInventory.Generate();
        var sites = inventory.Sites.Where(s => s.Parent is not null && s.Parent != "000000" && s.Devices.Any(d => d.Line == "backup")).Take(2).ToList();
        var (town, other) = (sites[0], sites[1]);
        string Router(Site s, string line) => s.Devices.Single(d => d.Line == line).Name;

        // Monday 00:00 JST; on Saturday of the second week at 10:00 the primary line carries a weekday's office-hours
        // volume (20x an ordinary Saturday morning: a runaway backup job, a flood)
        var from = new DateTimeOffset(2026, 1, 5, 0, 0, 0, Jst);
        var to = from.AddDays(13);
        var surge = from.AddDays(12).AddHours(10);
        var db = influx.NewDatabaseName("anomaly");
        using var http = new HttpClient();
        var client = new CountingInfluxClient(new InfluxHttpClient(http, Options.Create(new InfluxOptions { Url = influx.Url, Database = db })));
        await client.CreateDatabaseAsync(db, Ct);

        var series = new[]
        {
            (Site: town, Exporter: Router(town, "primary"), Traffic: new WeeklyTraffic(seed: 1)),
            (Site: town, Exporter: Router(town, "backup"), Traffic: new WeeklyTraffic(seed: 2, dailyPeak: 40_000)),
            (Site: other, Exporter: Router(other, "primary"), Traffic: new WeeklyTraffic(seed: 3, dailyPeak: 9_000_000)),
            (Site: other, Exporter: Router(other, "backup"), Traffic: new WeeklyTraffic(seed: 4, dailyPeak: 60_000)),
        };
        double surgeBytes = 0;
        var body = new StringBuilder();
        for (var t = from; t < to; t += Window)
        {
            foreach (var s in series)
            {
                double bytes = Math.Round(s.Traffic.Bytes(t.ToOffset(Jst).DateTime));
                if (t == surge && s.Exporter == Router(town, "primary")) surgeBytes = bytes = Math.Round(bytes * 20);
                // two points per window and exporter (tcp and udp), as the collector writes them per protocol
                body.Append(Line(s.Site.Code, s.Exporter, "tcp", Math.Round(bytes * 0.75), t.AddMinutes(1)));
                body.Append(Line(s.Site.Code, s.Exporter, "udp", bytes - Math.Round(bytes * 0.75), t.AddMinutes(7)));
            }
        }
        var written = await client.WriteAsync(Encoding.UTF8.GetBytes(body.ToString()), gzip: false, Ct);
        Assert.Equal(InfluxWriteOutcome.Written, written.Outcome);

        using var services = AnomalyTestHost.Build(client, inventory);
        var detector = services.GetServices<IWindowDetector>().Single(d => d.Name == "anomaly");
        string? state = null;
        var detections = new List<Detection>();
        int windows = 0;
        client.Queries = 0;
        for (var t = from; t < to; t += Window, windows++)
        {
            var result = await detector.AnalyzeAsync(new AnalysisWindow(t, t + Window), state, Ct);
            detections.AddRange(result.Detections);
            state = result.StateJson;
        }

        Assert.Equal(windows, client.Queries); // one grouped query per window, whatever the number of sites
        var d = Assert.Single(detections);
        Assert.Equal((town.Code, "primary", DetectionKind.Anomaly, "anomaly"), (d.Site, d.Line, d.Kind, d.Detector));
        Assert.Equal(surge, d.Time);
        Assert.Equal(surgeBytes, d.Value);
        Assert.True(d.Expected < surgeBytes / 3, $"expected {d.Expected:N0} beside {surgeBytes:N0}");
        Assert.InRange(d.Score, 0.6, 1.0);
        Assert.Contains(d.Evidence, e => e.Source == "flow" && e.Kind == "bytes" && e.Value == surgeBytes && e.Device == Router(town, "primary"));
        Assert.Contains(d.Evidence, e => e.Source == "baseline" && e.Value == d.Expected);
        Assert.Contains("primary line above", d.Message, StringComparison.Ordinal);
        Assert.Contains(town.Code + "/primary", state!, StringComparison.Ordinal);
        Assert.Contains(other.Code + "/backup", state!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_without_any_flow_points_leaves_the_baselines_as_they_were()
    {
        var db = influx.NewDatabaseName("anomaly_empty");
        using var http = new HttpClient();
        var client = new InfluxHttpClient(http, Options.Create(new InfluxOptions { Url = influx.Url, Database = db }));
        await client.CreateDatabaseAsync(db, Ct);
        using var services = AnomalyTestHost.Build(client, DemoInventory.Generate());
        var detector = services.GetServices<IWindowDetector>().Single();
        const string before = "{\"series\":{\"352012/primary\":{\"count\":3}}}";
        var result = await detector.AnalyzeAsync(new AnalysisWindow(DateTimeOffset.UnixEpoch.AddYears(56), DateTimeOffset.UnixEpoch.AddYears(56).AddMinutes(15)), before, Ct);
        Assert.Empty(result.Detections);
        Assert.Contains("\"count\":3", result.StateJson!, StringComparison.Ordinal);
    }

    private static string Line(string site, string exporter, string proto, double bytes, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture,
            $"flow,site={site},exporter={exporter},proto={proto},direction=in flows=10i,packets={(long)(bytes / 800)}i,bytes={(long)bytes}i {Point.ToNanoseconds(time)}\n");

    /// <summary>The real client, counting queries (to check that a window costs one query).</summary>
    private sealed class CountingInfluxClient(IInfluxClient inner) : IInfluxClient
    {
        public int Queries { get; set; }

        public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken = default) => inner.WriteAsync(body, gzip, cancellationToken);

        public Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken = default)
        {
            Queries++;
            return inner.QueryAsync(influxQl, cancellationToken);
        }

        public Task<InfluxPing> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

        public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) => inner.CreateDatabaseAsync(database, cancellationToken);
    }
}
