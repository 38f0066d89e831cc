using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetOps.Collector.Flows;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Flows;

public sealed class FlowAggregatorTests
{
    private static readonly SiteInventory Inventory = DemoInventory.Generate();
    private const int SiteIndex = 100; // the demo inventory's site 100: prefix 10.0.100.0/24, rt1 at 127.16.100.1
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FlowPipelineMetrics _metrics = new(new NetOpsMetrics());
    private readonly FlowAggregator _aggregator;

    public FlowAggregatorTests() => _aggregator = Create(new FlowOptions());

    private FlowAggregator Create(FlowOptions options) =>
        new(Options.Create(options), Inventory, _metrics, _time, NullLogger<FlowAggregator>.Instance);

    private static string SiteCode => Inventory.Sites[SiteIndex].Code;
    private static IPAddress Rt1 => DemoInventory.Address(SiteIndex, 1);
    private static IPAddress Rt2 => DemoInventory.Address(SiteIndex, 2);

    private static FlowRecord Flow(string source, string destination, byte protocol = 6, ulong packets = 10, ulong bytes = 1000, byte direction = FlowRecord.DirectionUnknown) => new()
    {
        Source = FlowAddress.From(IPAddress.Parse(source)),
        Destination = FlowAddress.From(IPAddress.Parse(destination)),
        Protocol = protocol,
        Packets = packets,
        Bytes = bytes,
        Direction = direction,
    };

    private long Now => Point.ToNanoseconds(_time.GetUtcNow());

    private List<Point> DrainAfterWindow()
    {
        _time.Advance(TimeSpan.FromSeconds(10));
        return _aggregator.Drain(Now);
    }

    private static long Field(Point p, string key) => p.Fields.Single(f => f.Key == key).Value.AsInteger;

    private static Point Single(List<Point> points, string proto, string direction) =>
        Assert.Single(points, p => p.Measurement == "flow" && p.GetTag("proto") == proto && p.GetTag("direction") == direction);

    [Fact]
    public void Flows_from_an_inventory_exporter_are_summed_per_site_exporter_protocol_and_direction()
    {
        _aggregator.Add(Now, Rt1, [Flow("10.0.100.5", "198.51.100.1", bytes: 1000, packets: 10), Flow("10.0.100.6", "198.51.100.1", bytes: 500, packets: 4)]);
        _aggregator.Add(Now, Rt1, [Flow("198.51.100.1", "10.0.100.5", protocol: 17, bytes: 80, packets: 1)]);

        var points = DrainAfterWindow().Where(p => p.Measurement == "flow").ToList();
        Assert.Equal(2, points.Count);
        var output = Single(points, "tcp", "out");
        Assert.Equal(SiteCode, output.GetTag("site"));
        Assert.Equal($"{SiteCode}-rt1", output.GetTag("exporter"));
        Assert.Equal(2, Field(output, "flows"));
        Assert.Equal(14, Field(output, "packets"));
        Assert.Equal(1500, Field(output, "bytes"));
        var input = Single(points, "udp", "in");
        Assert.Equal(80, Field(input, "bytes"));
        Assert.All(points, p => Assert.Equal(4, p.Tags.Count));
    }

    [Theory]
    [InlineData("10.0.100.5", "10.0.100.6", FlowRecord.DirectionUnknown, "in")]   // inside to inside: the destination decides
    [InlineData("198.51.100.1", "10.0.100.6", (byte)1, "in")]                      // the prefix beats the exporter's own field
    [InlineData("10.0.100.5", "198.51.100.1", (byte)0, "out")]
    [InlineData("198.51.100.1", "203.0.113.1", (byte)0, "in")]                     // neither end inside: the flow's own direction
    [InlineData("198.51.100.1", "203.0.113.1", (byte)1, "out")]
    [InlineData("198.51.100.1", "203.0.113.1", FlowRecord.DirectionUnknown, "unknown")]
    [InlineData("10.0.101.5", "203.0.113.1", FlowRecord.DirectionUnknown, "unknown")] // another site's prefix is not ours
    public void Direction_comes_from_the_sites_prefixes_else_from_the_flow(string source, string destination, byte direction, string expected)
    {
        _aggregator.Add(Now, Rt1, [Flow(source, destination, direction: direction)]);
        var point = Assert.Single(DrainAfterWindow(), p => p.Measurement == "flow");
        Assert.Equal(expected, point.GetTag("direction"));
    }

    [Theory]
    [InlineData(6, "tcp")]
    [InlineData(17, "udp")]
    [InlineData(1, "icmp")]
    [InlineData(58, "icmpv6")]
    [InlineData(47, "gre")]
    [InlineData(50, "esp")]
    [InlineData(132, "other")]
    [InlineData(0, "other")]
    public void The_protocol_tag_is_one_of_a_closed_set(byte protocol, string expected)
    {
        _aggregator.Add(Now, Rt1, [Flow("10.0.100.5", "198.51.100.1", protocol)]);
        Assert.Equal(expected, Assert.Single(DrainAfterWindow(), p => p.Measurement == "flow").GetTag("proto"));
    }

    [Fact]
    public void An_unknown_exporter_is_stored_as_unknown_and_counted()
    {
        _aggregator.Add(Now, IPAddress.Parse("192.0.2.99"), [Flow("10.0.100.5", "198.51.100.1"), Flow("10.0.100.5", "198.51.100.2", direction: 0)]);
        var points = DrainAfterWindow().Where(p => p.Measurement == "flow").ToList();
        Assert.All(points, p =>
        {
            Assert.Equal("unknown", p.GetTag("site"));
            Assert.Equal("unknown", p.GetTag("exporter"));
        });
        // An unknown exporter has no site prefixes: only the flows' own direction fields count.
        Assert.Equal(["in", "unknown"], points.Select(p => p.GetTag("direction")).Order());
        Assert.Equal(2, _metrics.UnknownExporter.Value);
    }

    [Fact]
    public void Primary_and_backup_exporters_of_one_site_are_separate_series()
    {
        _aggregator.Add(Now, Rt1, [Flow("10.0.100.5", "198.51.100.1")]);
        _aggregator.Add(Now, Rt2, [Flow("10.0.100.5", "198.51.100.1")]);
        var points = DrainAfterWindow().Where(p => p.Measurement == "flow").ToList();
        Assert.Equal([$"{SiteCode}-rt1", $"{SiteCode}-rt2"], points.Select(p => p.GetTag("exporter")!).Order());
        Assert.All(points, p => Assert.Equal(SiteCode, p.GetTag("site")));
    }

    [Fact]
    public void A_window_is_written_once_it_has_ended_with_its_end_as_timestamp()
    {
        // 08:00:03: inside the window 08:00:00–08:00:10
        _time.Advance(TimeSpan.FromSeconds(3));
        _aggregator.OnFlows(Rt1, FlowExportKind.Ipfix, 0, 0, [Flow("10.0.100.5", "198.51.100.1")]);
        _time.Advance(TimeSpan.FromSeconds(6)); // 08:00:09
        Assert.Empty(_aggregator.Drain(Now));
        _time.Advance(TimeSpan.FromSeconds(1)); // 08:00:10
        var point = Assert.Single(_aggregator.Drain(Now), p => p.Measurement == "flow");
        long end = Point.ToNanoseconds(Start.AddSeconds(10));
        Assert.InRange(point.TimestampNs - end, 1, 999); // the per-instance sub-µs offset
        Assert.Equal(end + _aggregator.InstanceOffsetNs, point.TimestampNs);
        Assert.Empty(_aggregator.Drain(Now));
    }

    [Fact]
    public void Flows_of_consecutive_windows_are_written_as_separate_points()
    {
        _aggregator.OnFlows(Rt1, FlowExportKind.NetFlowV9, 0, 0, [Flow("10.0.100.5", "198.51.100.1", bytes: 100)]);
        _time.Advance(TimeSpan.FromSeconds(10));
        _aggregator.OnFlows(Rt1, FlowExportKind.NetFlowV9, 0, 0, [Flow("10.0.100.5", "198.51.100.1", bytes: 200)]);
        _time.Advance(TimeSpan.FromSeconds(10));
        var points = _aggregator.Drain(Now).Where(p => p.Measurement == "flow").OrderBy(p => p.TimestampNs).ToList();
        Assert.Equal([100L, 200L], points.Select(p => Field(p, "bytes")));
        Assert.Equal(10_000_000_000L, points[1].TimestampNs - points[0].TimestampNs);
    }

    [Fact]
    public void A_late_datagram_for_a_drained_window_counts_in_the_next_window_not_lost()
    {
        long early = Now;
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(_aggregator.Drain(Now));
        _aggregator.Add(Now, Rt1, [Flow("10.0.100.5", "198.51.100.1", bytes: 5)]);
        Assert.Single(_aggregator.Drain(Now + 10_000_000_000L), p => p.Measurement == "flow"); // drains 08:00:10–20
        _aggregator.Add(early, Rt1, [Flow("10.0.100.5", "198.51.100.1", bytes: 7)]); // received 08:00:00, decoded late
        var late = Assert.Single(_aggregator.DrainAll(), p => p.Measurement == "flow");
        Assert.Equal(7, Field(late, "bytes"));
    }

    [Fact]
    public void Top_talkers_are_written_per_site_with_rank_tags_only_and_kept_for_the_dashboard()
    {
        var flows = new List<FlowRecord>();
        for (int i = 1; i <= 20; i++)
            flows.Add(Flow($"10.0.100.{i}", "198.51.100.1", bytes: (ulong)(i * 100), packets: (ulong)i));
        _aggregator.Add(Now, Rt1, flows.ToArray());
        var top = DrainAfterWindow().Where(p => p.Measurement == FlowAggregator.TopMeasurement).OrderBy(p => int.Parse(p.GetTag("rank")!)).ToList();

        Assert.Equal(10, top.Count);
        Assert.All(top, p => Assert.Equal(["rank", "site"], p.Tags.Select(t => t.Key)));
        // the one destination receives everything: 100 + 200 + … + 2000
        Assert.Equal("198.51.100.1", top[0].Fields.Single(f => f.Key == "address").Value.StringValue);
        Assert.Equal("dst", top[0].Fields.Single(f => f.Key == "role").Value.StringValue);
        Assert.Equal(21_000, Field(top[0], "bytes"));
        Assert.Equal(20, Field(top[0], "flows"));
        Assert.Equal("10.0.100.20", top[1].Fields.Single(f => f.Key == "address").Value.StringValue);
        Assert.Equal(2000, Field(top[1], "bytes"));
        Assert.Equal("10.0.100.12", top[9].Fields.Single(f => f.Key == "address").Value.StringValue);

        var kept = _aggregator.GetTop(SiteCode);
        Assert.Equal(10, kept.Count);
        Assert.Equal(IPAddress.Parse("10.0.100.20"), kept[1].Address);
        Assert.Equal(TalkerRole.Source, kept[1].Role);
        Assert.Equal(Start.AddSeconds(10), _aggregator.LastWindowEnd);
        Assert.Empty(_aggregator.GetTop("999999"));
    }

    [Fact]
    public void Top_talker_series_per_site_stay_bounded_by_n_whatever_the_number_of_addresses()
    {
        var random = new Random(3);
        var seriesKeys = new HashSet<string>();
        for (int window = 0; window < 5; window++)
        {
            var flows = new FlowRecord[5000];
            for (int i = 0; i < flows.Length; i++)
                flows[i] = Flow($"10.0.100.{random.Next(256)}", $"198.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}", bytes: (ulong)random.Next(40, 1500));
            _aggregator.Add(Now, Rt1, flows);
            foreach (var p in DrainAfterWindow()) seriesKeys.Add(p.SeriesKey());
        }
        Assert.Equal(10, seriesKeys.Count(k => k.StartsWith("flow_top,", StringComparison.Ordinal)));
    }

    [Fact]
    public void Top_talkers_match_exact_counts_when_the_heavy_hitters_stand_out()
    {
        var random = new Random(11);
        var exact = new Dictionary<(string, string), long>();
        var flows = new List<FlowRecord>();
        for (int i = 0; i < 20_000; i++)
        {
            string src = random.Next(3) == 0 ? $"10.0.100.{random.Next(5)}" : $"10.0.100.{10 + random.Next(240)}";
            string dst = random.Next(4) == 0 ? $"203.0.113.{random.Next(3)}" : $"198.51.{random.Next(256)}.{random.Next(256)}";
            ulong bytes = (ulong)random.Next(40, 1500);
            flows.Add(Flow(src, dst, bytes: bytes));
            exact[(src, "src")] = exact.GetValueOrDefault((src, "src")) + (long)bytes;
            exact[(dst, "dst")] = exact.GetValueOrDefault((dst, "dst")) + (long)bytes;
        }
        _aggregator.Add(Now, Rt1, flows.ToArray());
        DrainAfterWindow();

        var expected = exact.OrderByDescending(kv => kv.Value).Take(8).Select(kv => kv.Key).ToHashSet();
        var top = _aggregator.GetTop(SiteCode);
        Assert.Equal(expected, top.Take(8).Select(t => (t.Address.ToString(), t.Role.TagValue())).ToHashSet());
        foreach (var t in top.Take(8))
        {
            long truth = exact[(t.Address.ToString(), t.Role.TagValue())];
            Assert.InRange(truth, t.Bytes - t.BytesError, t.Bytes);
        }
    }

    [Fact]
    public void With_no_top_talkers_configured_only_flow_points_are_written()
    {
        var aggregator = Create(new FlowOptions { TopTalkers = 0 });
        aggregator.Add(Now, Rt1, [Flow("10.0.100.5", "198.51.100.1")]);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.All(aggregator.Drain(Now), p => Assert.Equal("flow", p.Measurement));
    }

    [Fact]
    public void Ipv6_flows_take_their_direction_from_ipv6_site_prefixes()
    {
        var sites = new List<Site>
        {
            new() { Code = "000000", Name = "centre", Prefecture = "00", Prefixes = ["2001:db8:100::/48", "10.0.0.0/24"],
                Devices = [new Device { Name = "c-rt1", Addresses = ["192.0.2.1"] }] },
        };
        var aggregator = new FlowAggregator(Options.Create(new FlowOptions()), new SiteInventory(sites), _metrics, _time, NullLogger<FlowAggregator>.Instance);
        aggregator.Add(Now, IPAddress.Parse("192.0.2.1"), [Flow("2001:db8:100::5", "2001:db8:200::1", protocol: 58)]);
        _time.Advance(TimeSpan.FromSeconds(10));
        var point = Assert.Single(aggregator.Drain(Now), p => p.Measurement == "flow");
        Assert.Equal("out", point.GetTag("direction"));
        Assert.Equal("icmpv6", point.GetTag("proto"));
        Assert.Equal("c-rt1", point.GetTag("exporter"));
    }
}
