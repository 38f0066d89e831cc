using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetOps.Collector.Snmp;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Snmp;

public sealed class SnmpTrapReceiverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Points : IPointWriter
    {
        public readonly ConcurrentQueue<Point> Written = new();
        public bool TryWrite(Point point) { Written.Enqueue(point); return true; }
        public ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default) { Written.Enqueue(point); return ValueTask.CompletedTask; }
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_captured_authenticated_v3_trap_sent_twice_is_stored_once_and_counted_as_replayed_once()
    {
        var time = new FakeTimeProvider();
        var options = new SnmpOptions { TrapPort = 0 };
        options.Credentials["core"] = new SnmpCredentialOptions { Version = "3", User = "netops", AuthProtocol = "SHA-256", AuthKey = "auth-pass-1", PrivProtocol = "AES", PrivKey = "priv-pass-1" };
        var users = new UsmUsers(options);
        var decoder = new SnmpV3TrapDecoder(new SnmpLocalEngine(Convert.FromHexString("80001f880501020304050607"), 1, time), users, new SnmpV3ReplayGuard(time));
        var metrics = new SnmpMetrics(new NetOpsMetrics());
        var points = new Points();
        var inventory = new SiteInventory([new Site { Code = "352012", Name = "下関市", Prefecture = "35",
            Devices = [new Device { Name = "shimonoseki-rt1", Line = "primary", Addresses = ["127.0.0.1"] }] }]);
        using var receiver = new SnmpTrapReceiver(Options.Create(options), inventory, points, metrics, time, NullLogger<SnmpTrapReceiver>.Instance, decoder);
        await receiver.StartAsync(Ct);
        try
        {
            var sender = Convert.FromHexString("8000000001aabbccdd");
            var user = users.Find("core")!;
            var captured = UsmSecurity.Seal(new ScopedPdu(sender, [], SnmpV3TrapDecoderTests.LinkDown(SnmpPduType.TrapV2)), 7, user.Level, user,
                user.KeysFor(sender), sender, 3, 1234, 42);
            using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            await client.SendAsync(captured, receiver.LocalEndPoint!, Ct);
            await client.SendAsync(captured, receiver.LocalEndPoint!, Ct);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (metrics.Value(SnmpTrapOutcome.Received) < 2 && DateTime.UtcNow < deadline) await Task.Delay(10, Ct);
            Assert.Equal(2, metrics.Value(SnmpTrapOutcome.Received));
            Assert.Equal(1, metrics.Value(SnmpTrapOutcome.Stored));
            Assert.Equal(1, metrics.Value(SnmpTrapOutcome.Replayed));
            Assert.Equal(0, metrics.Value(SnmpTrapOutcome.AuthFailed));
            var point = Assert.Single(points.Written);
            Assert.Equal(("event", "shimonoseki-rt1"), (point.Measurement, point.GetTag("device")));
        }
        finally
        {
            await receiver.StopAsync(Ct);
        }
    }
}
