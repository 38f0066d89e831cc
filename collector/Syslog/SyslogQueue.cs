using System.Threading.Channels;

namespace NetOps.Collector.Syslog;

/// <summary>
/// The bounded queue between the listeners and the processors. UDP cannot be slowed, so a full queue is a
/// counted drop there; TCP and TLS wait, which stops reading from the socket and pushes back on the sender.
/// </summary>
public sealed class SyslogQueue
{
    private readonly Channel<RawSyslogMessage> _channel;
    private readonly SyslogMetrics _metrics;

    public SyslogQueue(Microsoft.Extensions.Options.IOptions<SyslogOptions> options, SyslogMetrics metrics)
    {
        _metrics = metrics;
        _channel = Channel.CreateBounded<RawSyslogMessage>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = options.Value.Workers == 1,
            SingleWriter = false,
        });
    }

    public ChannelReader<RawSyslogMessage> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    private long _droppedSinceReport;

    /// <summary>UDP messages dropped since the last call (for a periodic log line).</summary>
    public long TakeDroppedSinceReport() => Interlocked.Exchange(ref _droppedSinceReport, 0);

    /// <summary>Queues a UDP message or counts it dropped (and returns its buffer).</summary>
    public bool TryEnqueue(in RawSyslogMessage message)
    {
        if (_channel.Writer.TryWrite(message)) return true;
        _metrics.Count(message.Transport, SyslogOutcome.Dropped);
        Interlocked.Increment(ref _droppedSinceReport);
        message.Return();
        return false;
    }

    /// <summary>Queues a stream message, waiting while the queue is full.</summary>
    public ValueTask EnqueueAsync(RawSyslogMessage message, CancellationToken cancellationToken) =>
        _channel.Writer.TryWrite(message) ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(message, cancellationToken);

    public void Complete() => _channel.Writer.TryComplete();
}
