using System.Threading.Channels;

namespace NetOps.Collector.Syslog;

/// <summary>
/// The bounded queue between the listeners and the processors, bounded twice: by count
/// (<c>Collector:Syslog:QueueCapacity</c>) and by the bytes its messages hold (<c>Collector:Syslog:QueueBytes</c>), so
/// that a stalled processor cannot make 200,000 messages of 64 KiB hold 13 GB. UDP cannot be slowed, so a full queue
/// is a counted drop there; TCP and TLS wait, which stops reading from the socket and pushes back on the sender.
/// </summary>
public sealed class SyslogQueue
{
    private readonly Channel<RawSyslogMessage> _channel;
    private readonly SyslogMetrics _metrics;
    private readonly long _maxBytes;
    private long _bytes;
    private TaskCompletionSource _spaceFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    public SyslogQueue(Microsoft.Extensions.Options.IOptions<SyslogOptions> options, SyslogMetrics metrics)
    {
        _metrics = metrics;
        _maxBytes = options.Value.QueueBytes;
        _channel = Channel.CreateBounded<RawSyslogMessage>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = options.Value.Workers == 1,
            SingleWriter = false,
        });
    }

    public int Count => _channel.Reader.Count;

    /// <summary>Bytes held by the queued messages (their buffers).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    private long _droppedSinceReport;

    /// <summary>UDP messages dropped since the last call (for a periodic log line).</summary>
    public long TakeDroppedSinceReport() => Interlocked.Exchange(ref _droppedSinceReport, 0);

    /// <summary>Queues a UDP message or counts it dropped (and returns its buffer).</summary>
    public bool TryEnqueue(in RawSyslogMessage message)
    {
        if (TryReserve(message.Buffer.Length))
        {
            if (_channel.Writer.TryWrite(message)) return true;
            Release(message.Buffer.Length);
        }
        _metrics.Count(message.Transport, SyslogOutcome.Dropped);
        Interlocked.Increment(ref _droppedSinceReport);
        message.Return();
        return false;
    }

    /// <summary>Queues a stream message, waiting while the queue is full (by count or by bytes).</summary>
    public async ValueTask EnqueueAsync(RawSyslogMessage message, CancellationToken cancellationToken)
    {
        int size = message.Buffer.Length;
        while (!TryReserve(size))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                var freed = Volatile.Read(ref _spaceFreed).Task;
                if (TryReserve(size)) break; // freed between the check and the read of the signal
                await freed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        try
        {
            if (!_channel.Writer.TryWrite(message)) await _channel.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(size);
            throw;
        }
    }

    /// <summary>Waits until a message can be read; false once the queue is completed and empty.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the next message, if any; its bytes leave the queue's budget.</summary>
    public bool TryRead(out RawSyslogMessage message)
    {
        if (!_channel.Reader.TryRead(out message)) return false;
        Release(message.Buffer.Length);
        return true;
    }

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Takes <paramref name="size"/> bytes of the budget; one message always fits into an empty queue, however big.</summary>
    private bool TryReserve(int size)
    {
        while (true)
        {
            long current = Interlocked.Read(ref _bytes);
            if (current > 0 && current + size > _maxBytes) return false;
            if (Interlocked.CompareExchange(ref _bytes, current + size, current) == current) return true;
        }
    }

    private void Release(int size)
    {
        Interlocked.Add(ref _bytes, -size);
        // Only a waiting stream sender needs the signal; the hot path (nobody waiting) allocates nothing.
        if (Volatile.Read(ref _waiting) > 0)
            Interlocked.Exchange(ref _spaceFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
