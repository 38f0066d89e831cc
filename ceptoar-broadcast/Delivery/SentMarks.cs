using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// The sender's group commit of sent-marks, one per claim. A worker hands a row over (<see cref="AddAsync"/>) once the
/// server has answered 250 for its message, never before, and goes on with its next mail; one flusher marks every row
/// handed over so far in one statement (<see cref="OutboxStore.MarkSentAsync(IReadOnlyCollection{long}, CancellationToken)"/>,
/// at most <c>Ceptoar:Delivery:MarkBatchSize</c> rows), then the rows that came in meanwhile, and so on. No timer: a
/// lone row is committed at once, and under load a commit takes what arrived during the one before, so a send never
/// waits for a commit and the state DB sees one commit per few mails instead of one per mail.
/// <para>
/// The queue holds at most <c>MarkBatchSize</c> rows; a worker whose row does not fit waits. So the mails accepted by
/// the server but not yet marked (those a SIGKILL would send again, with the same Message-ID, after their lease) are at
/// most 2 × <c>MarkBatchSize</c> (queued and being committed) plus one per connection reading its 250; in practice the
/// mails accepted during one commit. A commit that fails is tried 5 more times (0.1 s to 1.6 s apart); then the marks
/// fail: each row not marked is logged, <see cref="AddAsync"/> and <see cref="CompleteAsync"/> throw, and those rows
/// are the same window (the claim gives them back, as it did when a single mark failed).
/// </para>
/// </summary>
public sealed class SentMarks
{
    private const int Retries = 5;

    private readonly OutboxStore _outbox;
    private readonly int _batchSize;
    private readonly Action<IReadOnlyList<ClaimedRow>> _committed;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<ClaimedRow> _queue;
    private readonly Task _flusher;

    /// <param name="committed">Called on the flusher with the rows of each commit, after it (metrics, progress); must return at once.</param>
    public SentMarks(OutboxStore outbox, int batchSize, Action<IReadOnlyList<ClaimedRow>> committed, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _outbox = outbox;
        _batchSize = batchSize;
        _committed = committed;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<ClaimedRow>(new BoundedChannelOptions(batchSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _flusher = Task.Run(FlushAsync);
    }

    /// <summary>The server said 250 for <paramref name="row"/>'s message. Waits only while the queue is full; throws once the marks have failed.</summary>
    public ValueTask AddAsync(ClaimedRow row) => _queue.Writer.WriteAsync(row, CancellationToken.None);

    /// <summary>Commits what is queued and ends; throws when a commit failed for good. The claim's rows are given back only after this.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _flusher;
    }

    private async Task FlushAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<ClaimedRow>(_batchSize);
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < _batchSize && reader.TryRead(out var row)) batch.Add(row);
                await CommitAsync(batch);
                var done = batch;
                batch = new List<ClaimedRow>(_batchSize);
                _committed(done);
            }
        }
        catch (Exception e)
        {
            // Workers waiting on a full queue get the error too, rather than waiting for a flusher that is gone.
            _queue.Writer.TryComplete(e);
            while (reader.TryRead(out var row)) batch.Add(row);
            foreach (var row in batch) _logger.MarkSentFailed(e, row.AdvisoryId, row.Address);
            throw;
        }
    }

    private async Task CommitAsync(List<ClaimedRow> batch)
    {
        var ids = batch.ConvertAll(r => r.Id);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await _outbox.MarkSentAsync(ids, CancellationToken.None);
                return;
            }
            catch (Exception e) when (attempt < Retries && e is not OutOfMemoryException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), _time, CancellationToken.None);
            }
        }
    }
}
