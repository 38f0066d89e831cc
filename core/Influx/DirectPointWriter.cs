using System.Buffers;

namespace NetOps.Core.Influx;

/// <summary>
/// An <see cref="IPointWriter"/> for short-lived commands (<c>./netops analyze</c>): points are posted to InfluxDB in
/// batches as they come, and a failure is an exception the command reports, rather than a spool that a running service
/// in the same data directory owns.
/// </summary>
public sealed class DirectPointWriter(IInfluxClient client) : IPointWriter
{
    private const int BatchPoints = 5_000;
    private readonly ArrayBufferWriter<byte> _lines = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _count;

    public bool TryWrite(Point point)
    {
        LineProtocol.Validate(point);
        _gate.Wait();
        try { LineProtocol.Write(_lines, point); _count++; }
        finally { _gate.Release(); }
        return true;
    }

    public async ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default)
    {
        TryWrite(point);
        if (Volatile.Read(ref _count) >= BatchPoints) await FlushAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_count == 0) return;
            var result = await client.WriteAsync(_lines.WrittenMemory.ToArray(), gzip: false, cancellationToken);
            if (!result.IsWritten) throw new InfluxException($"InfluxDB did not take {_count} points: {result.Error}", result.Outcome == InfluxWriteOutcome.Retryable, result.StatusCode);
            _lines.Clear();
            _count = 0;
        }
        finally { _gate.Release(); }
    }
}
