using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Collector.Syslog;
using NetOps.Core.Metrics;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Syslog;

/// <summary>The TCP listener against a real client socket on 127.0.0.1, with the queue read by the test.</summary>
public sealed class SyslogStreamListenerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_graceful_stop_puts_every_frame_already_read_into_the_queue_even_while_the_queue_is_full()
    {
        var options = Options.Create(new SyslogOptions { Port = TestPorts.Next(), Udp = false, QueueCapacity = 16 });
        var metrics = new SyslogMetrics(new NetOpsMetrics());
        var queue = new SyslogQueue(options, metrics);
        using var listener = new SyslogStreamListener(options, queue, metrics, TimeProvider.System, NullLogger<SyslogStreamListener>.Instance);
        await listener.StartAsync(Ct);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, options.Value.Port), Ct);
        var frames = string.Concat(Enumerable.Range(0, 100).Select(i => $"<13>Nov 23 10:00:00 rt1 app: frame {i:D3}\n"));
        await client.SendAsync(Encoding.ASCII.GetBytes(frames), Ct); // 4.1 kB: one read; the connection stays open
        using (var full = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            full.CancelAfter(TimeSpan.FromSeconds(30));
            while (queue.Count < 16) await Task.Delay(10, full.Token); // the listener now waits on the full queue
        }

        // The host stops the listeners first; the processor, still running, keeps draining the queue meanwhile.
        var stopped = listener.StopAsync(CancellationToken.None);
        var received = new List<string>();
        while (!stopped.IsCompleted || queue.Count > 0)
        {
            while (queue.TryRead(out var m)) { received.Add(Encoding.ASCII.GetString(m.Span)); m.Return(); }
            await Task.Delay(5, Ct);
        }
        await stopped;

        Assert.Equal(100, metrics.Value(SyslogTransport.Tcp, SyslogOutcome.Received));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"<13>Nov 23 10:00:00 rt1 app: frame {i:D3}"), received);
    }
}
