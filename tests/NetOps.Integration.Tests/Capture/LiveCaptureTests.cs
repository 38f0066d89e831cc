using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Collector.Capture;
using NetOps.Collector.Enrichment;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Integration.Tests.Capture;

/// <summary>libpcap on the loopback interface with a BPF filter. Needs root or CAP_NET_RAW (CI runs as root).</summary>
public sealed class LiveCaptureTests
{
    private sealed class CollectingWriter : IPointWriter
    {
        public readonly ConcurrentQueue<Point> Points = new();
        public bool TryWrite(Point point) { Points.Enqueue(point); return true; }
        public ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default) { Points.Enqueue(point); return ValueTask.CompletedTask; }
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private static LiveCaptureService Service(CaptureOptions options, CollectingWriter writer) =>
        new(Options.Create(options), new SiteResolver(DemoInventory.Generate()), new CaptureMetrics(new NetOpsMetrics()), writer,
            TimeProvider.System, NullLogger<LiveCaptureService>.Instance);

    [Fact]
    public async Task Capture_on_lo_with_a_bpf_filter_sees_the_packets_the_test_sends()
    {
        Assert.True(Environment.IsPrivilegedProcess,
            "live capture needs root or CAP_NET_RAW: run the tests as root (CI does), or `sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which dotnet))`");
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        using var other = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int otherPort = ((IPEndPoint)other.Client.LocalEndPoint!).Port;
        var writer = new CollectingWriter();
        var service = Service(new CaptureOptions { Interface = "lo", Filter = $"udp and dst port {port}", Sensor = "lo-tap", Site = "000000", AggregationSeconds = 1 }, writer);
        await service.StartAsync(CancellationToken.None);
        try
        {
            using var sender = new UdpClient();
            var payload = new byte[100];
            for (int i = 0; i < 50; i++)
            {
                await sender.SendAsync(payload, new IPEndPoint(IPAddress.Loopback, port));
                await sender.SendAsync(payload, new IPEndPoint(IPAddress.Loopback, otherPort)); // filtered out by BPF
            }
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (service.Pipeline!.Counts.Packets < 50 && DateTime.UtcNow < deadline) await Task.Delay(50);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
            service.Dispose();
        }
        var points = writer.Points.Where(p => p.Measurement == Measurements.Packets).ToList();
        Assert.All(points, p => Assert.Equal("lo-tap", p.GetTag("sensor")));
        Assert.All(points, p => Assert.Equal("udp", p.GetTag("proto")));
        Assert.Equal(50, points.Sum(p => p.Fields.Single(f => f.Key == "packets").Value.AsInteger));
        // 100 bytes of payload + UDP 8 + IPv4 20 + Ethernet 14 on lo.
        Assert.Equal(50 * 142, points.Sum(p => p.Fields.Single(f => f.Key == "bytes").Value.AsInteger));
    }

    [Fact]
    public async Task Capture_on_a_quiet_interface_stops_promptly()
    {
        // libpcap's read timeout need not fire when no packet ever arrives; stopping must not depend on it.
        Assert.True(Environment.IsPrivilegedProcess, "live capture needs root or CAP_NET_RAW: run the tests as root (CI does)");
        using var unused = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)unused.Client.LocalEndPoint!).Port;
        var service = Service(new CaptureOptions { Interface = "lo", Filter = $"udp and dst port {port} and src port 1", Sensor = "lo-quiet", Site = "000000" }, new CollectingWriter());
        await service.StartAsync(CancellationToken.None);
        await Task.Delay(500);
        var stop = service.StopAsync(CancellationToken.None);
        var finished = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.Same(stop, finished);
        service.Dispose();
    }

    [Fact]
    public async Task An_interface_that_does_not_exist_names_the_key()
    {
        var service = Service(new CaptureOptions { Interface = "nosuch0" }, new CollectingWriter());
        var e = await Assert.ThrowsAsync<NetOps.Core.Hosting.NetOpsConfigurationException>(() => service.StartAsync(CancellationToken.None));
        Assert.Contains("Collector:Capture:Interface", e.Message);
        Assert.Contains("nosuch0", e.Message);
    }

    [Fact]
    public async Task A_bad_bpf_filter_names_the_key()
    {
        Assert.True(Environment.IsPrivilegedProcess, "live capture needs root or CAP_NET_RAW: run the tests as root (CI does)");
        var service = Service(new CaptureOptions { Interface = "lo", Filter = "udp port banana" }, new CollectingWriter());
        var e = await Assert.ThrowsAsync<NetOps.Core.Hosting.NetOpsConfigurationException>(() => service.StartAsync(CancellationToken.None));
        Assert.Contains("Collector:Capture:Filter", e.Message);
    }

    [Theory]
    [InlineData("lo: You don't have permission to perform this capture on that device (socket: Operation not permitted)")]
    [InlineData("socket: Operation not permitted")]
    public void The_permission_error_is_recognised(string libpcapMessage) => Assert.True(LiveCaptureService.IsPermission(libpcapMessage));
}
