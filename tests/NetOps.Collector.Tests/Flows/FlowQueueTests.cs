using System.Net;
using Microsoft.Extensions.Options;
using NetOps.Collector.Flows;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Flows;

public sealed class FlowQueueTests
{
    [Fact]
    public void Datagrams_beyond_the_byte_budget_are_dropped_and_counted_though_the_count_allows_them()
    {
        var metrics = new FlowPipelineMetrics(new NetOpsMetrics());
        var queue = new FlowQueue(Options.Create(new FlowOptions { QueueCapacity = 100_000, QueueBytes = 1 << 20 }), metrics);
        int accepted = 0;
        for (int i = 0; i < 40; i++)
            if (queue.TryEnqueue(FlowDatagram.Copy(new byte[60_000], IPAddress.Loopback, 0, FlowListenerKind.NetFlow))) accepted++;
        Assert.Equal(16, accepted);
        Assert.Equal(24, metrics.DroppedValue(FlowListenerKind.NetFlow));

        Assert.True(queue.TryRead(out var d));
        d.Return();
        Assert.Equal(15L * 65_536, queue.Bytes);
    }
}
