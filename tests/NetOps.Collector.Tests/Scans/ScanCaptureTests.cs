using NetOps.Collector.Capture;
using NetOps.Collector.Scans;
using NetOps.Collector.Tests.Capture;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Scans;

/// <summary>The capture path's <c>scan_top</c> features from the attack captures of INDEX.md.</summary>
public sealed class ScanCaptureTests
{
    private static readonly ScanLimits Limits = new(10, 1024);

    private static List<Point> ScanTop(CaptureRun run) => run.Points.Where(p => p.Measurement == Measurements.ScanTop).ToList();

    private static long Long(Point p, string key) => p.Fields.Single(f => f.Key == key).Value.AsInteger;

    private static string Text(Point p, string key) => p.Fields.Single(f => f.Key == key).Value.StringValue ?? "";

    [Fact]
    public async Task The_nmap_scan_puts_its_source_first_with_about_1000_ports_on_one_host()
    {
        var run = await CaptureRun.FileAsync("attack/nmap-syn-scan-1000-ports.pcap", scans: Limits);
        var points = ScanTop(run);

        var scanner = points.Where(p => Text(p, "src") == "172.16.0.8").ToList();
        Assert.NotEmpty(scanner);
        Assert.All(scanner, p => Assert.Equal("1", p.GetTag("rank")));
        Assert.All(scanner, p => Assert.Equal(1, Long(p, "hosts")));
        // 23 s over three 10 s windows; nmap's 1,994 SYNs cover 1,000 ports, some retried in a later window.
        Assert.InRange(scanner.Sum(p => Long(p, "ports")), 950, 1300);
        Assert.InRange(scanner.Max(p => Long(p, "ports")), 400, 1000);
        Assert.Equal(1994, scanner.Sum(p => Long(p, "syns")));
        // scanme's SYN-ACKs and RSTs answer; they are not probes.
        Assert.DoesNotContain(points, p => Text(p, "src") == "64.13.134.52");
        Assert.Equal(run.Pipeline.ScanPoints, points.Count);
        Assert.All(points, p => Assert.Equal("000000", p.GetTag("site")));
    }

    [Fact]
    public async Task The_masscan_scan_reaches_about_1001_ports_from_one_source()
    {
        var run = await CaptureRun.FileAsync("attack/masscan-syn-scan-ports-0-1000.pcap", scans: Limits);
        var scanner = ScanTop(run).Where(p => Text(p, "src") == "172.31.15.102").ToList();
        Assert.InRange(scanner.Sum(p => Long(p, "ports")), 930, 1080);
        Assert.Equal(1001, scanner.Sum(p => Long(p, "syns")));
    }

    [Fact]
    public async Task A_spoofed_flood_writes_at_most_top_n_sources_per_window_and_counts_the_evicted()
    {
        var metrics = new NetOpsMetrics();
        var run = await CaptureRun.FileAsync("attack/syn-flood-spoofed-sources.pcap", scans: Limits, metrics: new CaptureMetrics(metrics));
        var points = ScanTop(run);

        Assert.All(points.GroupBy(p => p.TimestampNs), g => Assert.InRange(g.Count(), 1, 10));
        Assert.All(points, p => Assert.InRange(Long(p, "ports"), 1, 2));
        // 37,623 sources against 1,024 counters per window: most are evicted, and counted.
        long evicted = points.GroupBy(p => p.TimestampNs).Sum(g => Long(g.First(), "evicted"));
        Assert.InRange(evicted, 30_000, 37_623);
        Assert.Equal(evicted, ScanMetrics.Evicted(metrics, "capture").Value);
    }

    [Fact]
    public async Task Ordinary_web_browsing_reaches_few_ports_per_source()
    {
        var run = await CaptureRun.FileAsync("general/web-browsing-2013.pcap", scans: Limits);
        var points = ScanTop(run);
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.InRange(Long(p, "ports"), 1, 5));
        Assert.All(points, p => Assert.InRange(Long(p, "hosts"), 1, 30));
    }

    [Fact]
    public async Task Without_scan_limits_the_pipeline_writes_no_features()
    {
        var run = await CaptureRun.FileAsync("attack/masscan-syn-scan-ports-0-1000.pcap");
        Assert.Empty(ScanTop(run));
    }

    [Fact]
    public void Two_sensors_of_one_site_stamp_their_windows_apart()
    {
        Assert.NotEqual(ScanAggregator.SensorOffset("tap-a"), ScanAggregator.SensorOffset("tap-b"));
        Assert.InRange(ScanAggregator.SensorOffset("tap-a"), 1, 999);
    }
}
