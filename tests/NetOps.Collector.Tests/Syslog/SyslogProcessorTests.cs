using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Collector.Aggregation;
using NetOps.Collector.Enrichment;
using NetOps.Collector.Normalization;
using NetOps.Collector.Syslog;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Syslog;

public sealed class SyslogProcessorTests
{
    private static readonly SiteInventory Inventory = DemoInventory.Generate();
    private static readonly byte[] Specials = "<>[]\"\\=%,: \n"u8.ToArray();
    private readonly SyslogMetrics _metrics = new(new NetOpsMetrics());
    private readonly FirewallCounter _firewall = new();
    private readonly SyslogProcessor _processor;
    private readonly DateTimeOffset _now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public SyslogProcessorTests()
    {
        var options = Options.Create(new SyslogOptions { DefaultTimeZone = "+09:00" });
        _processor = new SyslogProcessor(options, new SyslogQueue(options, _metrics), _metrics, new SyslogNormalizer(),
            new SiteResolver(Inventory), _firewall, new DiscardingWriter(), TimeProvider.System, NullLogger<SyslogProcessor>.Instance,
            new BackgroundLoops(new NetOpsMetrics()));
    }

    private static IPAddress AddressOf(string device) => IPAddress.Parse(Inventory.FindByName(device)!.Device.Addresses[0]);

    private Point? Process(string line, IPAddress source) =>
        _processor.Process(RawSyslogMessage.Copy(Encoding.UTF8.GetBytes(line), source, Point.ToNanoseconds(_now), SyslogTransport.Udp));

    [Fact]
    public void A_cisco_link_down_from_the_primary_router_becomes_an_event_on_the_primary_line()
    {
        // 17:00 JST is 08:00 UTC: the device's own clock, in the configured zone, is used.
        var point = Process("<187>Nov 23 17:00:00 352012-rt1 12: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down", AddressOf("352012-rt1"))!;
        Assert.Equal("event", point.Measurement);
        Assert.Equal("352012", point.GetTag("site"));
        Assert.Equal("352012-rt1", point.GetTag("device"));
        Assert.Equal("link_down", point.GetTag("kind"));
        Assert.Equal("primary", point.GetTag("line"));
        Assert.Equal("error", point.GetTag("severity"));
        Assert.Equal(Point.ToNanoseconds(_now), point.TimestampNs);
    }

    [Theory]
    [InlineData("+0900")]
    [InlineData("Asia/Tokyo")]
    public void A_zone_less_device_clock_is_read_in_the_configured_zone_whatever_its_spelling(string zone)
    {
        var processor = Create(new SyslogOptions { DefaultTimeZone = zone });
        var point = processor.Process(RawSyslogMessage.Copy(
            "<187>Nov 23 17:00:00 352012-rt1 12: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down"u8,
            AddressOf("352012-rt1"), Point.ToNanoseconds(_now.AddSeconds(3)), SyslogTransport.Udp))!;
        Assert.Equal(Point.ToNanoseconds(_now), point.TimestampNs); // 17:00 JST, not the receive time
    }

    [Fact]
    public void A_message_longer_than_the_parsers_default_limit_is_parsed_when_max_message_bytes_allows_it()
    {
        var processor = Create(new SyslogOptions { MaxMessageBytes = 200_000 });
        var line = "<13>Nov 23 08:00:00 352012-rt1 app: " + new string('x', 100_000);
        Assert.NotNull(processor.Process(RawSyslogMessage.Copy(Encoding.UTF8.GetBytes(line), AddressOf("352012-rt1"), Point.ToNanoseconds(_now), SyslogTransport.Tcp)));
        Assert.Equal(0, _metrics.Value(SyslogTransport.Tcp, SyslogOutcome.Malformed));
    }

    private SyslogProcessor Create(SyslogOptions o)
    {
        var options = Options.Create(o);
        return new SyslogProcessor(options, new SyslogQueue(options, _metrics), _metrics, new SyslogNormalizer(),
            new SiteResolver(Inventory), _firewall, new DiscardingWriter(), TimeProvider.System, NullLogger<SyslogProcessor>.Instance,
            new BackgroundLoops(new NetOpsMetrics()));
    }

    [Fact]
    public void An_rfc5424_message_with_an_offset_beyond_14_hours_is_kept_at_the_receive_time()
    {
        var point = Process("<187>1 2026-11-23T08:00:00-23:59 352012-rt1 ios - - - %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down", AddressOf("352012-rt1"))!;
        Assert.Equal("link_down", point.GetTag("kind"));
        Assert.Equal(Point.ToNanoseconds(_now), point.TimestampNs);
        Assert.Equal(0, _metrics.Value(SyslogTransport.Udp, SyslogOutcome.Malformed));
    }

    [Theory]
    [InlineData("shift_jis", "shift_jis")]
    [InlineData("euc-jp", "euc-jp")]
    [InlineData("iso-2022-jp", "iso-2022-jp")]
    [InlineData("shift_jis", null)]
    [InlineData("euc-jp", null)]
    public void Japanese_text_in_a_legacy_encoding_is_stored_as_written(string sent, string? charset)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var inventory = new SiteInventory([new Site
        {
            Code = "352012", Name = "下関市", Prefecture = "35", Parent = "350001",
            Devices = [new Device { Name = "legacy-fw", Kind = "firewall", Charset = charset, Addresses = ["192.0.2.50"] }],
        }]);
        var options = Options.Create(new SyslogOptions());
        var processor = new SyslogProcessor(options, new SyslogQueue(options, _metrics), _metrics, new SyslogNormalizer(), new SiteResolver(inventory),
            _firewall, new DiscardingWriter(), TimeProvider.System, NullLogger<SyslogProcessor>.Instance, new BackgroundLoops(new NetOpsMetrics()));
        const string text = "管理者がログインに失敗しました（下関市役所 本庁舎）";
        var bytes = Encoding.ASCII.GetBytes("<13>Nov 23 08:00:00 legacy-fw app: ").Concat(Encoding.GetEncoding(sent).GetBytes(text)).ToArray();

        var point = processor.Process(RawSyslogMessage.Copy(bytes, IPAddress.Parse("192.0.2.50"), Point.ToNanoseconds(_now), SyslogTransport.Udp))!;
        Assert.Equal(text, point.Fields.Single(f => f.Key == "message").Value.StringValue);
    }

    [Fact]
    public void A_device_clock_far_from_the_receive_time_is_replaced_by_the_receive_time()
    {
        var point = Process("<187>Mar  1 00:00:46 352012-rt1 12: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up", AddressOf("352012-rt1"))!;
        Assert.Equal(Point.ToNanoseconds(_now), point.TimestampNs);
        Assert.Equal("backup", point.GetTag("line"));
    }

    [Fact]
    public void Firewall_traffic_is_counted_not_written_as_events()
    {
        var source = AddressOf("352012-fw1");
        for (int i = 0; i < 3; i++)
            Assert.Null(Process($"<189>date=2026-11-23 time=17:00:00 devname=\"x\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" srcip=198.51.100.{i} dstip=10.0.0.1 action=\"deny\"", source));
        var point = Assert.Single(_firewall.Drain(1));
        Assert.Equal("deny", point.GetTag("action"));
        Assert.Equal("352012-fw1", point.GetTag("device"));
        Assert.Equal(3, point.Fields.Single(f => f.Key == "count").Value.AsInteger);
    }

    [Fact]
    public void A_session_start_log_is_not_counted_again_when_its_end_log_comes()
    {
        var source = AddressOf("352012-fw1");
        Assert.Null(Process("<189>date=2026-11-23 time=17:00:00 logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" action=\"start\"", source));
        Assert.Null(Process("<189>date=2026-11-23 time=17:00:09 logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" action=\"close\"", source));
        Assert.Equal(1, Assert.Single(_firewall.Drain(1)).Fields.Single(f => f.Key == "count").Value.AsInteger);
    }

    [Fact]
    public void A_sender_unknown_to_the_inventory_keeps_its_hostname_out_of_the_tags()
    {
        var point = Process("<13>Nov 23 17:00:00 random-host-4711 app: hello", IPAddress.Parse("192.0.2.77"))!;
        Assert.Equal("unknown", point.GetTag("site"));
        Assert.Equal("unknown", point.GetTag("device"));
        Assert.Contains(point.Fields, f => f.Key == "host" && f.Value.StringValue == "random-host-4711");
        Assert.Equal(1, _metrics.UnknownSources.Value);
    }

    [Fact]
    public void A_message_the_parser_rejects_is_counted_malformed_and_writes_nothing()
    {
        Assert.Null(Process("<999>nonsense", IPAddress.Loopback));
        Assert.Equal(1, _metrics.Value(SyslogTransport.Udp, SyslogOutcome.Malformed));
        Assert.Equal(0, _metrics.Value(SyslogTransport.Udp, SyslogOutcome.Parsed));
    }

    [Fact]
    public void Control_characters_from_the_wire_do_not_reach_string_fields()
    {
        var point = Process("<13>Nov 23 17:00:00 host app: line one\u0001\u001b[31m red", IPAddress.Loopback)!;
        var message = point.Fields.Single(f => f.Key == "message").Value.StringValue!;
        Assert.DoesNotContain('\u0001', message);
        Assert.DoesNotContain('\u001b', message);
        LineProtocol.Validate(point);
    }

    [Fact]
    public void Random_and_mutated_bytes_never_throw_and_every_message_is_parsed_or_malformed()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("NETOPS_FUZZ_ITERATIONS"), out var n) ? n : 100_000;
        var seeds = new[] { "syslog/cisco-ios.log", "syslog/juniper.log", "syslog/fortigate.log", "syslog/paloalto.log", "syslog/rfc5424.log", "syslog/rfc3164.log" }
            .SelectMany(SharedData.Lines).Select(Encoding.UTF8.GetBytes).ToArray();
        var random = new Random(20261123);
        var sources = new[] { IPAddress.Loopback, AddressOf("352012-rt1"), AddressOf("352012-fw1"), AddressOf("352012-rt2") };
        for (int i = 0; i < iterations; i++)
        {
            byte[] data;
            if (i % 4 == 0)
            {
                data = new byte[random.Next(0, 300)];
                random.NextBytes(data);
            }
            else
            {
                data = (byte[])seeds[random.Next(seeds.Length)].Clone();
                int edits = random.Next(1, 6);
                for (int e = 0; e < edits && data.Length > 0; e++)
                {
                    int at = random.Next(data.Length);
                    data[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => Specials[random.Next(Specials.Length)], _ => (byte)('0' + random.Next(10)) };
                }
                if (random.Next(5) == 0) data = data[..random.Next(data.Length + 1)];
            }
            var point = _processor.Process(RawSyslogMessage.Copy(data, sources[i % sources.Length], Point.ToNanoseconds(_now), SyslogTransport.Udp));
            if (point is not null) LineProtocol.Validate(point); // whatever is written must be writable
        }
        var parsed = _metrics.Value(SyslogTransport.Udp, SyslogOutcome.Parsed);
        var malformed = _metrics.Value(SyslogTransport.Udp, SyslogOutcome.Malformed);
        Assert.Equal(iterations, parsed + malformed);
        Assert.True(malformed > 0);
    }

    [Fact]
    public async Task A_window_flush_that_fails_is_counted_and_the_next_window_is_still_written()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_now);
        var writer = new FailingOnceWriter();
        var loops = new BackgroundLoops(new NetOpsMetrics());
        var options = Options.Create(new SyslogOptions { AggregationSeconds = 5 });
        var firewall = new FirewallCounter();
        var processor = new SyslogProcessor(options, new SyslogQueue(options, _metrics), _metrics, new SyslogNormalizer(),
            new SiteResolver(Inventory), firewall, writer, time, NullLogger<SyslogProcessor>.Instance, loops);
        var flush = loops.Register("syslog", "window flush");
        const string deny = "<189>date=2026-11-23 time=17:00:00 logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" action=\"deny\"";
        var fw = AddressOf("352012-fw1");
        await processor.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            processor.Process(RawSyslogMessage.Copy(Encoding.UTF8.GetBytes(deny), fw, Point.ToNanoseconds(_now), SyslogTransport.Udp));
            await AdvanceUntilAsync(time, () => flush.Failures == 1);
            // The next pass may already have succeeded (the fake clock can fire several at once), so read the
            // reason the failure left, not the transient "is failing" state.
            Assert.Equal("InvalidOperationException: a firewall point of the window could not be written: writer hiccup", flush.LastError);

            processor.Process(RawSyslogMessage.Copy(Encoding.UTF8.GetBytes(deny), fw, Point.ToNanoseconds(_now), SyslogTransport.Udp));
            await AdvanceUntilAsync(time, () => writer.Points.Count == 1 && flush.Problem is null); // the pass ends after the write
            Assert.Equal("firewall", writer.Points.Single().Measurement);
            Assert.Null(flush.Problem);
            Assert.Equal(1, _metrics.FirewallPointsDropped.Value);
        }
        finally
        {
            await processor.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_processing_fault_on_every_message_is_counted_for_each_and_sampled_to_the_log()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_now);
        var logger = new RecordingLogger<SyslogProcessor>();
        var options = Options.Create(new SyslogOptions());
        var queue = new SyslogQueue(options, _metrics);
        var processor = new SyslogProcessor(options, queue, _metrics, new SyslogNormalizer(), new SiteResolver(Inventory), _firewall,
            new ThrowingWriter(), time, logger, new BackgroundLoops(new NetOpsMetrics()));
        await processor.StartAsync(TestContext.Current.CancellationToken);
        for (int i = 0; i < 50; i++)
            Assert.True(queue.TryEnqueue(RawSyslogMessage.Copy(
                Encoding.UTF8.GetBytes($"<187>Nov 23 17:00:00 352012-rt1 {i}: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down"),
                AddressOf("352012-rt1"), Point.ToNanoseconds(_now), SyslogTransport.Udp)));
        await processor.StopAsync(CancellationToken.None);

        Assert.Equal(50, _metrics.Value(SyslogTransport.Udp, SyslogOutcome.Malformed));
        var sample = Assert.Single(logger.Entries, e => e.Id == 1106);
        Assert.NotNull(sample.Exception); // the sample keeps its stack trace
    }

    private sealed class ThrowingWriter : IPointWriter
    {
        public bool TryWrite(Point point) => throw new InvalidOperationException("bug");
        public ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default) => throw new InvalidOperationException("bug");
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class RecordingLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
    {
        public readonly System.Collections.Concurrent.ConcurrentQueue<(int Id, Exception? Exception)> Entries = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter) => Entries.Enqueue((eventId.Id, exception));
    }

    /// <summary>Moves fake time a window at a time until <paramref name="condition"/> holds (the flush runs on its own task).</summary>
    private static async Task AdvanceUntilAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        Assert.True(condition(), "the flush loop did not get there");
    }

    private sealed class FailingOnceWriter : IPointWriter
    {
        private int _calls;
        public readonly System.Collections.Concurrent.ConcurrentQueue<Point> Points = new();
        public bool TryWrite(Point point) => true;
        public ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1) throw new InvalidOperationException("writer hiccup");
            Points.Enqueue(point);
            return ValueTask.CompletedTask;
        }
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class DiscardingWriter : IPointWriter
    {
        public bool TryWrite(Point point) => true;
        public ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
