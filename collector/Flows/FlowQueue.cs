using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace NetOps.Collector.Flows;

/// <summary>
/// The bounded queue between the UDP listeners and the decoder, by count (<c>Collector:Flows:QueueCapacity</c>) and by
/// the bytes its datagrams hold (<c>Collector:Flows:QueueBytes</c>). An exporter cannot be slowed, so a full queue is a
/// counted drop (<c>netops_flow_listener_datagrams_total{outcome="dropped"}</c>), never a silent one.
/// </summary>
public sealed class FlowQueue
{
    private readonly Channel<FlowDatagram> _channel;
    private readonly FlowPipelineMetrics _metrics;
    private long _droppedSinceReport;
    private readonly long _maxBytes;
    private long _bytes;

    public FlowQueue(IOptions<FlowOptions> options, FlowPipelineMetrics metrics)
    {
        _metrics = metrics;
        Capacity = options.Value.QueueCapacity;
        _maxBytes = options.Value.QueueBytes;
        _channel = Channel.CreateBounded<FlowDatagram>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full; we count and return the buffer ourselves
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    /// <summary>Bytes held by the queued datagrams (their buffers).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Waits until a datagram can be read; false once the queue is completed and empty.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the next datagram, if any; its bytes leave the queue's budget.</summary>
    public bool TryRead(out FlowDatagram datagram)
    {
        if (!_channel.Reader.TryRead(out datagram)) return false;
        Interlocked.Add(ref _bytes, -datagram.Buffer.Length);
        return true;
    }

    public int Count => _channel.Reader.Count;

    /// <summary>Datagrams dropped since the last call (for a periodic log line).</summary>
    public long TakeDroppedSinceReport() => Interlocked.Exchange(ref _droppedSinceReport, 0);

    public bool TryEnqueue(in FlowDatagram datagram)
    {
        int size = datagram.Buffer.Length;
        long after = Interlocked.Add(ref _bytes, size);
        // One datagram always fits into an empty queue, however big.
        if ((after == size || after <= _maxBytes) && _channel.Writer.TryWrite(datagram)) return true;
        Interlocked.Add(ref _bytes, -size);
        _metrics.Dropped(datagram.Listener);
        Interlocked.Increment(ref _droppedSinceReport);
        datagram.Return();
        return false;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
