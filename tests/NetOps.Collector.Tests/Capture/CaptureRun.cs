using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Collector.Capture;
using NetOps.Collector.Enrichment;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Capture;

/// <summary>Runs a shared capture through the pipeline in-process and keeps every point it produced.</summary>
internal sealed class CaptureRun
{
    public required CapturePipeline Pipeline { get; init; }
    public required List<Point> Points { get; init; }
    public string? Damage { get; init; }

    public CaptureCounts Counts => Pipeline.Counts;

    public IEnumerable<Point> Events(EventKind kind) => Points.Where(p => p.Measurement == Measurements.Event && p.GetTag("kind") == kind.ToTag());

    public IEnumerable<Point> PacketPoints => Points.Where(p => p.Measurement == Measurements.Packets);

    public long Sum(string field, string? proto = null) => PacketPoints.Where(p => proto is null || p.GetTag("proto") == proto)
        .Sum(p => p.Fields.Single(f => f.Key == field).Value.AsInteger);

    /// <summary>Site 000000 with routers owning 10.0.0.91–97 (vrrp.pcap's routers), 1.0.0.2 and 2.1.1.2 (BGP speakers).</summary>
    public static SiteInventory Inventory() => new(
    [
        new Site { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00" },
        new Site
        {
            Code = "352012", Name = "下関市", Prefecture = "35", Parent = "000000",
            Devices = Enumerable.Range(91, 7).Select(i => new Device
                {
                    Name = $"vrrp-rt{i}", Kind = "router", Line = i % 2 == 1 ? "primary" : "backup", Addresses = [$"10.0.0.{i}"],
                })
                .Append(new Device { Name = "bgp-rt1", Kind = "router", Line = "primary", Addresses = ["1.0.0.2", "2.1.1.2"] })
                .ToList(),
        },
    ]);

    public static async Task<CaptureRun> FileAsync(string relative, string? site = "000000", SiteInventory? inventory = null, int aggregationSeconds = 10,
        NetOps.Collector.Scans.ScanLimits scans = default, CaptureMetrics? metrics = null)
    {
        var points = new List<Point>();
        var pipeline = new CapturePipeline(site, "test-sensor", aggregationSeconds, new SiteResolver(inventory ?? Inventory()),
            metrics ?? new CaptureMetrics(new NetOpsMetrics()), NullLogger.Instance, scans);
        using var reader = await CaptureFileReader.OpenAsync(Pcap(relative));
        while (await reader.MoveNextAsync())
        {
            pipeline.Process(reader.TimestampNs, reader.LinkType, reader.Data, reader.OriginalLength);
            points.AddRange(pipeline.Pending);
            pipeline.Pending.Clear();
        }
        pipeline.Finish();
        points.AddRange(pipeline.Pending);
        pipeline.Pending.Clear();
        return new CaptureRun { Pipeline = pipeline, Points = points, Damage = reader.Damage };
    }

    /// <summary>A capture under shared/data/pcap (INDEX.md).</summary>
    public static string Pcap(string relative) => SharedData.Path("pcap/" + relative);

    public static long Ns(string utc) => Point.ToNanoseconds(DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture));

    public static string Field(Point p, string key) => p.Fields.Single(f => f.Key == key).Value.StringValue ?? "";
}
