using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetOps.Collector.Flows;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Scans;

/// <summary>The flow path's <c>scan_top</c> features, computed in <see cref="FlowAggregator"/>.</summary>
public sealed class ScanFlowTests
{
    private static readonly SiteInventory Inventory = DemoInventory.Generate();
    private const int SiteIndex = 100;
    private const byte Syn = 0x02, Ack = 0x10, Psh = 0x08, Fin = 0x01;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly FlowPipelineMetrics _metrics = new(new NetOpsMetrics());

    private FlowAggregator Create(FlowOptions? options = null) =>
        new(Options.Create(options ?? new FlowOptions()), Inventory, _metrics, _time, NullLogger<FlowAggregator>.Instance);

    private static IPAddress Rt1 => DemoInventory.Address(SiteIndex, 1);

    private static FlowRecord Flow(string source, string destination, ushort sourcePort, ushort destinationPort, byte flags, byte protocol = 6, ulong packets = 1) => new()
    {
        Source = FlowAddress.From(IPAddress.Parse(source)),
        Destination = FlowAddress.From(IPAddress.Parse(destination)),
        SourcePort = sourcePort,
        DestinationPort = destinationPort,
        Protocol = protocol,
        TcpFlags = flags,
        Packets = packets,
        Bytes = packets * 60,
        Direction = FlowRecord.DirectionUnknown,
    };

    private long Now => Point.ToNanoseconds(_time.GetUtcNow());

    private List<Point> Drain(FlowAggregator aggregator)
    {
        _time.Advance(TimeSpan.FromSeconds(10));
        return aggregator.Drain(Now).Where(p => p.Measurement == Measurements.ScanTop).ToList();
    }

    private static long Long(Point p, string key) => p.Fields.Single(f => f.Key == key).Value.AsInteger;

    private static string Text(Point p, string key) => p.Fields.Single(f => f.Key == key).Value.StringValue ?? "";

    [Fact]
    public void A_source_whose_syn_only_flows_reach_500_ports_is_ranked_first_with_its_site()
    {
        var aggregator = Create();
        var flows = Enumerable.Range(1, 500).Select(p => Flow("203.0.113.9", "10.0.100.20", 40000, (ushort)p, Syn)).ToArray();
        aggregator.Add(Now, Rt1, flows);
        aggregator.Add(Now, Rt1, [Flow("10.0.100.5", "198.51.100.1", 50000, 443, Syn | Ack | Psh | Fin, packets: 40)]);

        var points = Drain(aggregator);
        var first = Assert.Single(points);
        Assert.Equal(Inventory.Sites[SiteIndex].Code, first.GetTag("site"));
        Assert.Equal("1", first.GetTag("rank"));
        Assert.Equal("203.0.113.9", Text(first, "src"));
        Assert.InRange(Long(first, "ports"), 470, 530);
        Assert.Equal(1, Long(first, "hosts"));
        Assert.Equal(500, Long(first, "syns"));
        Assert.Equal("flow", Text(first, "path"));
    }

    [Fact]
    public void Answers_from_servers_are_not_probes()
    {
        var aggregator = Create();
        // A web server's flows back to 300 clients' ephemeral ports, once with flags and once from an exporter without them.
        aggregator.Add(Now, Rt1, Enumerable.Range(0, 300).Select(i => Flow("10.0.100.80", "198.51.100.7", 443, (ushort)(30000 + i), Syn | Ack)).ToArray());
        aggregator.Add(Now, Rt1, Enumerable.Range(0, 300).Select(i => Flow("10.0.100.81", "198.51.100.7", 443, (ushort)(30000 + i), 0)).ToArray());
        aggregator.Add(Now, Rt1, Enumerable.Range(0, 300).Select(i => Flow("10.0.100.53", "198.51.100.7", 53, (ushort)(30000 + i), 0, protocol: 17)).ToArray());

        Assert.Empty(Drain(aggregator));
    }

    [Fact]
    public void ScanTopN_zero_turns_the_features_off()
    {
        var aggregator = Create(new FlowOptions { ScanTopN = 0 });
        aggregator.Add(Now, Rt1, Enumerable.Range(1, 100).Select(p => Flow("203.0.113.9", "10.0.100.20", 40000, (ushort)p, Syn)).ToArray());
        Assert.Empty(Drain(aggregator));
    }

    [Fact]
    public void A_flood_of_spoofed_sources_is_bounded_by_ScanSources_and_counted()
    {
        var aggregator = Create(new FlowOptions { ScanTopN = 5, ScanSources = 16 });
        aggregator.Add(Now, Rt1, Enumerable.Range(0, 1000).Select(i => Flow($"100.64.{i / 256}.{i % 256}", "10.0.100.20", 40000, 25565, Syn)).ToArray());

        var points = Drain(aggregator);
        Assert.Equal(5, points.Count);
        Assert.Equal(1000 - 16, Long(points[0], "evicted"));
        Assert.Equal(1000 - 16, _metrics.ScanSourcesEvicted.Value);
    }

    [Fact]
    public void ScanSources_below_ScanTopN_is_an_error_naming_the_key()
    {
        var errors = new FlowOptions { ScanTopN = 20, ScanSources = 10 }.Validate().ToList();
        Assert.Contains(errors, e => e.StartsWith("Collector:Flows:ScanSources", StringComparison.Ordinal));
    }
}
