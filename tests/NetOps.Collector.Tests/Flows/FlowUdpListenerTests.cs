using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Collector.Flows;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Flows;

public sealed class FlowUdpListenerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_datagram_carries_its_senders_port_so_the_decoder_can_tell_transport_sessions_apart()
    {
        var metrics = new FlowPipelineMetrics(new NetOpsMetrics());
        var queue = new FlowQueue(Options.Create(new FlowOptions()), metrics);
        using var listener = new FlowUdpListener(FlowListenerKind.Ipfix, IPAddress.Loopback, 0, 1 << 20, queue, metrics, TimeProvider.System, NullLogger.Instance);
        listener.Start();
        try
        {
            using var first = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            using var second = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            await first.SendAsync(new byte[] { 0, 10, 0, 1 }, listener.LocalEndPoint!, Ct);
            await second.SendAsync(new byte[] { 0, 10, 0, 2 }, listener.LocalEndPoint!, Ct);

            var ports = new Dictionary<byte, ushort>();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (ports.Count < 2 && DateTime.UtcNow < deadline)
            {
                if (queue.TryRead(out var d))
                {
                    ports[d.Span[3]] = d.SourcePort;
                    Assert.Equal(IPAddress.Loopback, d.Exporter);
                    d.Return();
                }
                else await Task.Delay(10, Ct);
            }
            Assert.Equal((ushort)((IPEndPoint)first.Client.LocalEndPoint!).Port, ports[1]);
            Assert.Equal((ushort)((IPEndPoint)second.Client.LocalEndPoint!).Port, ports[2]);
        }
        finally
        {
            listener.Stop();
        }
    }
}
