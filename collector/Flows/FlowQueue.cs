using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace NetOps.Collector.Flows;

/// <summary>
/// The bounded queue between the UDP listeners and the decoder. An exporter cannot be slowed, so a full queue is a
/// counted drop (<c>netops_flow_listener_datagrams_total{outcome="dropped"}</c>), never a silent one.
/// </summary>
public sealed class FlowQueue
{
    private readonly Channel<FlowDatagram> _channel;
    private readonly FlowPipelineMetrics _metrics;
    private long _droppedSinceReport;

    public FlowQueue(IOptions<FlowOptions> options, FlowPipelineMetrics metrics)
    {
        _metrics = metrics;
        Capacity = options.Value.QueueCapacity;
        _channel = Channel.CreateBounded<FlowDatagram>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full; we count and return the buffer ourselves
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    public ChannelReader<FlowDatagram> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    /// <summary>Datagrams dropped since the last call (for a periodic log line).</summary>
    public long TakeDroppedSinceReport() => Interlocked.Exchange(ref _droppedSinceReport, 0);

    public bool TryEnqueue(in FlowDatagram datagram)
    {
        if (_channel.Writer.TryWrite(datagram)) return true;
        _metrics.Dropped(datagram.Listener);
        Interlocked.Increment(ref _droppedSinceReport);
        datagram.Return();
        return false;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
