using System.Net;
using Microsoft.Extensions.Options;
using NetOps.Collector.Syslog;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Syslog;

public sealed class SyslogQueueTests
{
    private readonly SyslogMetrics _metrics = new(new NetOpsMetrics());

    private SyslogQueue Queue() => new(Options.Create(new SyslogOptions { QueueCapacity = 200_000, QueueBytes = 1 << 20 }), _metrics);

    private static RawSyslogMessage Big(SyslogTransport transport) =>
        RawSyslogMessage.Copy(new byte[60_000], IPAddress.Loopback, 0, transport); // a 64 KiB buffer from the pool

    [Fact]
    public void Udp_messages_beyond_the_byte_budget_are_dropped_and_counted_though_the_count_allows_them()
    {
        var queue = Queue();
        int accepted = 0;
        for (int i = 0; i < 40; i++) if (queue.TryEnqueue(Big(SyslogTransport.Udp))) accepted++;
        Assert.Equal(16, accepted); // 16 × 64 KiB = 1 MiB
        Assert.Equal(24, _metrics.Value(SyslogTransport.Udp, SyslogOutcome.Dropped));
        Assert.True(queue.Bytes <= 1 << 20);

        Assert.True(queue.TryRead(out var m));
        m.Return();
        Assert.True(queue.TryEnqueue(Big(SyslogTransport.Udp)));
    }

    [Fact]
    public async Task A_stream_sender_waits_while_the_byte_budget_is_spent_and_goes_on_once_a_message_is_read()
    {
        var queue = Queue();
        for (int i = 0; i < 16; i++) await queue.EnqueueAsync(Big(SyslogTransport.Tcp), TestContext.Current.CancellationToken);
        var waiting = queue.EnqueueAsync(Big(SyslogTransport.Tcp), TestContext.Current.CancellationToken).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(16, queue.Count);

        Assert.True(queue.TryRead(out var m));
        m.Return();
        await waiting;
        Assert.Equal(16, queue.Count);
    }

    [Fact]
    public void One_message_bigger_than_the_whole_budget_still_goes_into_an_empty_queue()
    {
        var queue = new SyslogQueue(Options.Create(new SyslogOptions { QueueBytes = 1 << 20 }), _metrics);
        Assert.True(queue.TryEnqueue(RawSyslogMessage.Copy(new byte[(1 << 20) + 1], IPAddress.Loopback, 0, SyslogTransport.Udp)));
    }
}
