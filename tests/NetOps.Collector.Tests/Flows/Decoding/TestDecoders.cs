using Microsoft.Extensions.Time.Testing;
using NetOps.Collector.Flows.Decoding;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>A decoder with its own metrics registry and a fake clock.</summary>
public sealed class TestDecoder
{
    public TestDecoder(FlowDecoderOptions? options = null, Microsoft.Extensions.Logging.ILogger<FlowDecoder>? logger = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 3, 0, 0, TimeSpan.Zero));
        Metrics = new FlowMetrics(new NetOpsMetrics());
        Decoder = new FlowDecoder(options ?? new FlowDecoderOptions(), Metrics, Time, logger);
    }

    public FakeTimeProvider Time { get; }
    public FlowMetrics Metrics { get; }
    public FlowDecoder Decoder { get; }
    public RecordingSink Sink { get; } = new();

    public long NowNs => (Time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    public FlowDecodeResult Decode(byte[] datagram, string exporter = "192.0.2.10") =>
        Decoder.Decode(datagram, System.Net.IPAddress.Parse(exporter), NowNs, Sink);

    /// <summary>From <paramref name="exporter"/>:<paramref name="port"/>: templates are per transport session (address and port).</summary>
    public FlowDecodeResult Decode(byte[] datagram, string exporter, ushort port) =>
        Decoder.Decode(datagram, System.Net.IPAddress.Parse(exporter), port, NowNs, Sink);

    public FlowDecodeResult Decode(UdpDatagram d) => Decoder.Decode(d.Payload, d.Source, NowNs, Sink);
}
