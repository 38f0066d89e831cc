using System.Text;
using System.Threading.Channels;
using NetOps.Core.Influx;

namespace NetOps.Bench.Analyzer;

/// <summary>
/// Posts line protocol to InfluxDB through the real <see cref="IInfluxClient"/> in batches, two requests in flight
/// (influxd parses one while the next is built); a refused batch stops the run with InfluxDB's words.
/// </summary>
public sealed class LineBatchWriter : IAsyncDisposable
{
    private const int BatchLines = 20_000;
    private readonly IInfluxClient _influx;
    private readonly Channel<byte[]> _batches = Channel.CreateBounded<byte[]>(4);
    private readonly Task[] _posters;
    private readonly StringBuilder _text = new(BatchLines * 128);
    private int _lines;

    public LineBatchWriter(IInfluxClient influx, CancellationToken cancellationToken)
    {
        _influx = influx;
        _posters = [.. Enumerable.Range(0, 2).Select(_ => Task.Run(() => PostAsync(cancellationToken), cancellationToken))];
    }

    /// <summary>Points appended so far.</summary>
    public long Points { get; private set; }

    /// <summary>Bytes of line protocol posted so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>The builder to append one line to (without its newline); call <see cref="EndLineAsync"/> after it.</summary>
    public StringBuilder Line => _text;

    public ValueTask EndLineAsync()
    {
        _text.Append('\n');
        Points++;
        return ++_lines >= BatchLines ? SendAsync() : ValueTask.CompletedTask;
    }

    /// <summary>Posts what is buffered and waits until InfluxDB has taken every batch.</summary>
    public async Task CompleteAsync()
    {
        await SendAsync();
        _batches.Writer.TryComplete();
        await Task.WhenAll(_posters);
    }

    public async ValueTask DisposeAsync()
    {
        _batches.Writer.TryComplete();
        try { await Task.WhenAll(_posters); } catch (Exception) { /* reported by CompleteAsync */ }
    }

    private async ValueTask SendAsync()
    {
        if (_lines == 0) return;
        var body = Encoding.UTF8.GetBytes(_text.ToString());
        Bytes += body.Length;
        _text.Clear();
        _lines = 0;
        await _batches.Writer.WriteAsync(body);
    }

    private async Task PostAsync(CancellationToken cancellationToken)
    {
        await foreach (var body in _batches.Reader.ReadAllAsync(cancellationToken))
        {
            var result = await _influx.WriteAsync(body, gzip: false, cancellationToken);
            if (!result.IsWritten)
            {
                _batches.Writer.TryComplete();
                throw new InvalidOperationException($"influxd refused a batch ({result.StatusCode}): {result.Error}");
            }
        }
    }
}
