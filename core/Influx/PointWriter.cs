using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.Metrics;

namespace NetOps.Core.Influx;

/// <summary>
/// The durable write pipeline into InfluxDB: a bounded queue, a batcher that puts each closed batch on disk (the
/// spool, a write-ahead log) before it is sent, and a sender that posts spool files in order, retries with backoff
/// and deletes a file only once InfluxDB has it.
/// </summary>
/// <remarks>
/// A batch closes at <c>Influx:BatchSize</c> points or <c>Influx:FlushIntervalMs</c> after its first point, so a
/// crash loses at most that long of input. Timestamps are made unique within their series before a batch is spooled,
/// so sending a file twice (after a crash between the write and the delete) stores each point once.
/// Spool files are named <c>{sequence:D20}-{points}.lp[.gz]</c>; a file InfluxDB refuses as bad data moves to
/// <c>rejected/</c> for an operator.
/// </remarks>
public sealed class PointWriter : IPointWriter, IHostedService, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    // On a graceful stop a healthy InfluxDB gets a while to take the last batches (a loaded machine can be slow);
    // one that is failing gets no wait: its backlog is already on disk and is replayed at the next start.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopGraceWhileFailing = TimeSpan.FromMilliseconds(200);

    private readonly InfluxOptions _options;
    private readonly IInfluxClient _client;
    private readonly NetOpsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Entry> _queue;
    private readonly Channel<SpoolFile> _files = Channel.CreateUnbounded<SpoolFile>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SeriesTimestamps _timestamps;
    private readonly SemaphoreSlim _spaceFreed = new(0);
    private readonly CancellationTokenSource _senderStop = new();
    private readonly object _lifecycle = new();
    private readonly BackgroundLoop _batcherLoop;
    private readonly BackgroundLoop _senderLoop;

    private Task? _batcher;
    private Task? _sender;
    private long _nextSequence;
    private long _generationOffsetNs;
    private long _spoolBytes;
    private int _spoolFiles;
    private int _failures;
    private string? _lastError;
    private volatile bool _stopping;
    private bool _stopped;

    public PointWriter(IOptions<InfluxOptions> options, IOptions<NetOpsOptions> netOps, IInfluxClient client, NetOpsMetrics metrics,
        ILogger<PointWriter>? logger = null, TimeProvider? timeProvider = null, BackgroundLoops? loops = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(netOps);
        _options = options.Value;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        SpoolDirectory = Path.GetFullPath(_options.SpoolDir ?? Path.Combine(netOps.Value.DataDirectory, "spool"));
        RejectedDirectory = Path.Combine(SpoolDirectory, "rejected");
        _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _timestamps = new SeriesTimestamps(_time);
        loops ??= new BackgroundLoops(metrics);
        _batcherLoop = loops.Register("influx", "batcher");
        _senderLoop = loops.Register("influx", "sender");
    }

    /// <summary>Where batches wait for InfluxDB.</summary>
    public string SpoolDirectory { get; }

    /// <summary>Where files that InfluxDB refused as bad data are kept for an operator.</summary>
    public string RejectedDirectory { get; }

    /// <inheritdoc />
    /// <exception cref="LineProtocolException">The point cannot be written to InfluxDB at all.</exception>
    public bool TryWrite(Point point)
    {
        LineProtocol.Validate(point);
        return _queue.Writer.TryWrite(new Entry(point, null));
    }

    /// <inheritdoc />
    /// <exception cref="LineProtocolException">The point cannot be written to InfluxDB at all.</exception>
    public async ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default)
    {
        LineProtocol.Validate(point);
        try
        {
            await _queue.Writer.WriteAsync(new Entry(point, null), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException("The InfluxDB point writer has stopped", ex);
        }
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Entry(null, done), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Stopped: the stop drained every accepted point into the spool.
            if (_batcher is not null) await _batcher.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes, then waits until the spool is empty: every accepted point is in InfluxDB.</summary>
    public async Task WaitUntilSentAsync(CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        while (Volatile.Read(ref _spoolFiles) > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The spool and sender right now.</summary>
    public SpoolState GetSpoolState() => new(
        _queue.Reader.CanCount ? _queue.Reader.Count : -1,
        Volatile.Read(ref _spoolFiles), Interlocked.Read(ref _spoolBytes), _options.SpoolMaxBytes,
        Volatile.Read(ref _failures), Volatile.Read(ref _lastError));

    /// <summary>Opens the spool, queues its files for replay and starts the batcher and the sender.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lifecycle)
        {
            if (_batcher is not null) return Task.CompletedTask;
            ObjectDisposedException.ThrowIf(_stopped, this);
            Directory.CreateDirectory(SpoolDirectory);
            var existing = OpenSpool();
            _generationOffsetNs = NextGeneration() % 1000 * 1000;
            _logger.Started(SpoolDirectory, existing.Count, Interlocked.Read(ref _spoolBytes));
            _batcher = Task.Run(() => _batcherLoop.RunAsync(RunBatcherAsync), CancellationToken.None);
            _sender = Task.Run(() => _senderLoop.RunAsync(() => RunSenderAsync(existing, _senderStop.Token)), CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting points, puts every accepted point into the spool (ignoring its limit, so that none is lost),
    /// gives the sender up to 10 s to finish (none while InfluxDB is failing), and leaves the rest on disk for the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? batcher, sender;
        lock (_lifecycle)
        {
            if (_stopped) return;
            _stopped = true;
            batcher = _batcher;
            sender = _sender;
        }
        _stopping = true;
        _batcherLoop.Stopping();
        _senderLoop.Stopping();
        _queue.Writer.TryComplete();
        _spaceFreed.Release();
        if (batcher is not null) await batcher.ConfigureAwait(false);
        _files.Writer.TryComplete();
        if (sender is not null)
        {
            try
            {
                var grace = Volatile.Read(ref _failures) > 0 ? StopGraceWhileFailing : StopGrace;
                await sender.WaitAsync(grace, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                await _senderStop.CancelAsync().ConfigureAwait(false);
                await sender.ConfigureAwait(false);
            }
        }
        _logger.Stopped(Volatile.Read(ref _spoolFiles), Interlocked.Read(ref _spoolBytes));
    }

    public async ValueTask DisposeAsync()
    {
        // _senderStop holds no timer or registration, so it is left to the GC; Dispose may still be called after this.
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops without draining (for synchronous containers). The host calls <see cref="StopAsync"/> first, which
    /// drains; prefer <see cref="DisposeAsync"/> elsewhere.
    /// </summary>
    public void Dispose()
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        _files.Writer.TryComplete();
        if (!_senderStop.IsCancellationRequested) _senderStop.Cancel();
    }

    private List<SpoolFile> OpenSpool()
    {
        var files = new List<SpoolFile>();
        long maxSequence = 0;
        // A snapshot: recovering a temporary file renames it while we look.
        foreach (var path in Directory.GetFiles(SpoolDirectory))
        {
            var name = Path.GetFileName(path);
            var candidate = path;
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                if (RecoverTemporary(path) is not { } recovered) continue;
                candidate = recovered;
            }
            if (SpoolFile.TryParse(candidate, out var file))
            {
                file.Replay = true;
                files.Add(file);
                maxSequence = Math.Max(maxSequence, file.Sequence);
            }
        }
        files.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        foreach (var f in files) AddSpool(f.Length, +1);
        // Time-seeded so names keep increasing across restarts even after the spool has emptied.
        _nextSequence = Math.Max(maxSequence + 1, _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        return files;
    }

    /// <summary>
    /// A temporary spool file left by a crash: complete (fsynced, the crash came before the rename) when it reads back
    /// whole, and then renamed and replayed like any batch; otherwise moved to rejected/ for an operator. Never deleted:
    /// it may be the only copy of its points. Returns the replayable path, or null.
    /// </summary>
    private string? RecoverTemporary(string temp)
    {
        var final = temp[..^".tmp".Length];
        try
        {
            if (LooksComplete(temp))
            {
                File.Move(temp, final, overwrite: false);
                DirectorySync.Flush(SpoolDirectory);
                _logger.TemporarySpoolFileRecovered(temp);
                return final;
            }
            Directory.CreateDirectory(RejectedDirectory);
            var target = Path.Combine(RejectedDirectory, Path.GetFileName(temp));
            File.Move(temp, target, overwrite: true);
            _logger.IncompleteSpoolFile(temp, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.TemporarySpoolFileKept(ex, temp);
        }
        return null;
    }

    /// <summary>Gzip carries its own length and CRC; line protocol must end with a newline and hold no NUL (unwritten blocks read as zeros).</summary>
    private static bool LooksComplete(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) return false;
        if (path.EndsWith(".gz.tmp", StringComparison.Ordinal))
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var lines = new MemoryStream();
                gzip.CopyTo(lines);
                return lines.Length > 0 && lines.GetBuffer()[lines.Length - 1] == (byte)'\n';
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }
        return bytes[^1] == (byte)'\n' && bytes.AsSpan().IndexOf((byte)0) < 0;
    }

    private void AddSpool(long bytes, int files)
    {
        var total = Interlocked.Add(ref _spoolBytes, bytes);
        Interlocked.Add(ref _spoolFiles, files);
        _metrics.SpoolBytes.Set(total);
        if (bytes < 0) _spaceFreed.Release();
    }

    // ---- batcher: queue → spool files ----

    private async Task RunBatcherAsync()
    {
        var reader = _queue.Reader;
        var batch = new Batch();
        var interval = TimeSpan.FromMilliseconds(_options.FlushIntervalMs);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            long started = _time.GetTimestamp();
            bool close = false;
            while (!close)
            {
                while (!close && reader.TryRead(out var entry))
                {
                    if (entry.Flush is not null) { batch.Flushes.Add(entry.Flush); close = true; }
                    else { Add(batch, entry.Point!); close = batch.Count >= _options.BatchSize; }
                }
                if (close) break;
                var remaining = interval - _time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero) break;
                using var deadline = new CancellationTokenSource(remaining, _time);
                try
                {
                    if (!await reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false)) break;
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    break;
                }
            }
            await CloseBatchCarefullyAsync(batch).ConfigureAwait(false);
        }
        await CloseBatchCarefullyAsync(batch).ConfigureAwait(false);
    }

    /// <summary>
    /// This start's number (0 for a new spool directory), kept in <c>spool/generation</c>. The memory of used
    /// timestamps does not survive a restart, so a whole-millisecond timestamp (a syslog second) is moved by this
    /// many microseconds (modulo 1,000): an event after a restart cannot take the nanosecond of one written before it.
    /// </summary>
    private long NextGeneration()
    {
        var path = Path.Combine(SpoolDirectory, "generation");
        long generation = 0;
        try
        {
            if (File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var g)) generation = g;
            var temp = path + ".next";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes((generation + 1).ToString(CultureInfo.InvariantCulture)));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            DirectorySync.Flush(SpoolDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without it a restart may overwrite an event of the same second; say so, but keep writing.
            _logger.GenerationUnavailable(ex, path);
        }
        return generation;
    }

    private void Add(Batch batch, Point point)
    {
        int mark = batch.Lines.WrittenCount;
        try
        {
            if (point.TimestampNs % 1_000_000 == 0) point.TimestampNs += _generationOffsetNs;
            _timestamps.MakeUnique(point);
            LineProtocol.Write(batch.Lines, point);
            batch.Count++;
        }
        catch (LineProtocolException ex)
        {
            // Validated when accepted; only a point changed after it was handed over gets here.
            batch.Lines.ResetTo(mark);
            _metrics.InfluxPoints.WithLabels("dropped").Inc();
            _logger.PointDropped(ex.Message);
        }
        catch (Exception ex)
        {
            // A bug must cost this point (counted and logged), never the batcher.
            batch.Lines.ResetTo(mark);
            _metrics.InfluxPoints.WithLabels("dropped").Inc();
            _batcherLoop.Failed(ex);
        }
    }

    /// <summary>
    /// Closes the batch, retrying after an unexpected error (logged and counted, the batch kept) so that the batcher
    /// carries on; while stopping it gives up after a few tries and counts the batch's points as dropped.
    /// </summary>
    private async Task CloseBatchCarefullyAsync(Batch batch)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await CloseBatchAsync(batch).ConfigureAwait(false);
                _batcherLoop.Succeeded();
                return;
            }
            catch (Exception ex)
            {
                _batcherLoop.Failed(ex);
                if (_stopping && attempt >= 3)
                {
                    _metrics.InfluxPoints.WithLabels("dropped").Inc(batch.Count);
                    _logger.BatchLostOnStop(batch.Count);
                    batch.Lines.ResetWrittenCount();
                    batch.Count = 0;
                    foreach (var flush in batch.Flushes) flush.TrySetResult();
                    batch.Flushes.Clear();
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * attempt)), _time).ConfigureAwait(false);
            }
        }
    }

    private async Task CloseBatchAsync(Batch batch)
    {
        if (batch.Count > 0)
        {
            var body = _options.Gzip ? Compress(batch.Lines.WrittenMemory) : batch.Lines.WrittenMemory;
            await WaitForSpoolSpaceAsync(body.Length, batch.Count).ConfigureAwait(false);
            var file = new SpoolFile(SpoolDirectory, _nextSequence++, batch.Count, body.Length, _options.Gzip);
            await WriteSpoolFileAsync(file, body).ConfigureAwait(false);
            AddSpool(file.Length, +1);
            _files.Writer.TryWrite(file);
        }
        batch.Lines.ResetWrittenCount();
        batch.Count = 0;
        foreach (var flush in batch.Flushes) flush.TrySetResult();
        batch.Flushes.Clear();
    }

    private async Task WaitForSpoolSpaceAsync(long bytes, int points)
    {
        bool waited = false;
        // A batch bigger than the whole limit still goes into an empty spool, or nothing would ever move.
        while (Interlocked.Read(ref _spoolBytes) > 0 && Interlocked.Read(ref _spoolBytes) + bytes > _options.SpoolMaxBytes)
        {
            if (_stopping)
            {
                _logger.SpoolOverLimitOnStop(points);
                break;
            }
            if (!waited) _logger.SpoolFull(Interlocked.Read(ref _spoolBytes), _options.SpoolMaxBytes);
            waited = true;
            await _spaceFreed.WaitAsync(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
        if (waited && !_stopping) _logger.SpoolResumed(Interlocked.Read(ref _spoolBytes), _options.SpoolMaxBytes);
    }

    private async Task WriteSpoolFileAsync(SpoolFile file, ReadOnlyMemory<byte> body)
    {
        var temp = file.Path + ".tmp";
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.WriteAsync(body).ConfigureAwait(false);
                    // The spool is a write-ahead log: the batch must be on the disk, not in the page cache, before it counts.
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, file.Path, overwrite: true);
                // ... and so must its name: without this, a power loss can bring the batch back as .tmp or lose it.
                DirectorySync.Flush(SpoolDirectory);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _logger.SpoolWriteFailed(ex, file.Path);
                // A full or failing disk keeps the batch in memory; the queue fills and writers wait meanwhile.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)), _time).ConfigureAwait(false);
            }
        }
    }

    private static ReadOnlyMemory<byte> Compress(ReadOnlyMemory<byte> lines)
    {
        var output = new MemoryStream(lines.Length / 4 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(lines.Span);
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    // ---- sender: spool files → InfluxDB ----

    private async Task RunSenderAsync(List<SpoolFile> replay, CancellationToken stop)
    {
        var pending = new Queue<SpoolFile>(replay);
        var backoff = MinBackoff;
        try
        {
            if (_options.CreateDatabase) await TryCreateDatabaseAsync(stop).ConfigureAwait(false);
            while (true)
            {
                while (_files.Reader.TryRead(out var added))
                {
                    pending.Enqueue(added);
                    if (_failures > 0) CountSpooled(added);
                }
                if (pending.Count == 0)
                {
                    if (!await _files.Reader.WaitToReadAsync(stop).ConfigureAwait(false)) return;
                    continue;
                }
                try
                {
                    backoff = await SendNextAsync(pending, backoff, stop).ConfigureAwait(false);
                    _senderLoop.Succeeded();
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && stop.IsCancellationRequested))
                {
                    // A bug or a surprise from the disk must not end the sender: the file stays first in line and is
                    // tried again after a backoff.
                    _senderLoop.Failed(ex);
                    await Task.Delay(Jitter(backoff), _time, stop).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: what is still pending stays on disk and is replayed at the next start.
        }
    }

    /// <summary>Sends the first pending spool file once; returns the backoff for the next attempt.</summary>
    private async Task<TimeSpan> SendNextAsync(Queue<SpoolFile> pending, TimeSpan backoff, CancellationToken stop)
    {
        var file = pending.Peek();
        byte[] body;
        try
        {
            body = await File.ReadAllBytesAsync(file.Path, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            pending.Dequeue();
            if (Reject(file, file.Points, out var kept)) _logger.SpoolFileUnreadable(ex, file.Path, RejectedDirectory);
            else _logger.SpoolFileUnreadableKept(ex, file.Path, RejectedDirectory, kept!.Message);
            return backoff;
        }
        var result = await _client.WriteAsync(body, file.Gzip, stop).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case InfluxWriteOutcome.Written:
                pending.Dequeue();
                try
                {
                    File.Delete(file.Path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // InfluxDB has the points; the file is sent again at the next start and stored once
                    // (its timestamps are fixed), so keep going.
                    _logger.SpoolFileNotDeleted(ex, file.Path);
                }
                _metrics.InfluxPoints.WithLabels("written").Inc(file.Points);
                if (file.Replay) _metrics.InfluxPoints.WithLabels("replayed").Inc(file.Points);
                // Last: WaitUntilSentAsync returns once the spool is empty, and the counters must be final by then.
                AddSpool(-file.Length, -1);
                if (_failures > 0) _logger.WriteResumed(_failures, pending.Count);
                Volatile.Write(ref _failures, 0);
                Volatile.Write(ref _lastError, null);
                backoff = MinBackoff;
                break;
            case InfluxWriteOutcome.Permanent:
                pending.Dequeue();
                int dropped = Math.Clamp(result.DroppedPoints ?? file.Points, 0, file.Points);
                // A 400 partial write stored the good points; only the refused ones are dropped.
                _metrics.InfluxPoints.WithLabels("written").Inc(file.Points - dropped);
                if (Reject(file, dropped, out var notMoved))
                    _logger.WriteRejected(file.Path, file.Points, dropped, (int?)result.StatusCode, result.Error, RejectedDirectory);
                else
                    _logger.WriteRejectedKept(file.Path, file.Points, dropped, (int?)result.StatusCode, result.Error, RejectedDirectory, notMoved!.Message);
                break;
            default:
                Volatile.Write(ref _failures, _failures + 1);
                Volatile.Write(ref _lastError, $"{(int?)result.StatusCode} {result.Error}".Trim());
                foreach (var waiting in pending) CountSpooled(waiting);
                var delay = Jitter(backoff);
                if (_failures == 1 || _failures % 20 == 0)
                    _logger.WriteRetrying(pending.Count, (long)delay.TotalMilliseconds, (int?)result.StatusCode, result.Error);
                if (result.StatusCode == System.Net.HttpStatusCode.NotFound && _options.CreateDatabase)
                    await TryCreateDatabaseAsync(stop).ConfigureAwait(false);
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                break;
        }
        return backoff;
    }

    private void CountSpooled(SpoolFile file)
    {
        if (file.CountedSpooled || file.Replay) return;
        file.CountedSpooled = true;
        _metrics.InfluxPoints.WithLabels("spooled").Inc(file.Points);
    }

    /// <summary>
    /// Moves a refused or unreadable file to <see cref="RejectedDirectory"/> and counts its dropped points; false (with
    /// the reason) when it could not be moved, in which case it stays where it is (never deleted: it is the only copy)
    /// and this run does not send it again.
    /// </summary>
    private bool Reject(SpoolFile file, int droppedPoints, out Exception? notMoved)
    {
        notMoved = null;
        try
        {
            Directory.CreateDirectory(RejectedDirectory);
            File.Move(file.Path, Path.Combine(RejectedDirectory, Path.GetFileName(file.Path)), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            notMoved = ex;
        }
        _metrics.InfluxPoints.WithLabels("dropped").Inc(droppedPoints);
        AddSpool(-file.Length, -1);
        return notMoved is null;
    }

    private async Task TryCreateDatabaseAsync(CancellationToken stop)
    {
        try
        {
            await _client.CreateDatabaseAsync(_options.Database, stop).ConfigureAwait(false);
        }
        catch (InfluxException ex)
        {
            _logger.CreateDatabaseFailed(_options.Database, ex.Message);
        }
    }

    private static TimeSpan Jitter(TimeSpan backoff) =>
        // Jitter keeps many collectors from hammering a recovering InfluxDB in step.
        TimeSpan.FromTicks((long)(backoff.Ticks * (0.8 + 0.4 * Random.Shared.NextDouble())));

    private readonly record struct Entry(Point? Point, TaskCompletionSource? Flush);

    private sealed class Batch
    {
        public readonly ResettableBufferWriter Lines = new(1 << 16);
        public readonly List<TaskCompletionSource> Flushes = [];
        public int Count;
    }

    private sealed class SpoolFile
    {
        public SpoolFile(string directory, long sequence, int points, long length, bool gzip)
        {
            Sequence = sequence; Points = points; Length = length; Gzip = gzip;
            Path = System.IO.Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{sequence:D20}-{points}.lp{(gzip ? ".gz" : "")}"));
        }

        public string Path { get; private init; }
        public long Sequence { get; }
        public int Points { get; }
        public long Length { get; }
        public bool Gzip { get; }
        public bool Replay { get; set; }
        public bool CountedSpooled { get; set; }

        public static bool TryParse(string path, out SpoolFile file)
        {
            file = null!;
            var name = System.IO.Path.GetFileName(path);
            bool gzip = name.EndsWith(".lp.gz", StringComparison.Ordinal);
            if (!gzip && !name.EndsWith(".lp", StringComparison.Ordinal)) return false;
            var stem = name.AsSpan(0, name.Length - (gzip ? 6 : 3));
            int dash = stem.IndexOf('-');
            if (dash <= 0
                || !long.TryParse(stem[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                || !int.TryParse(stem[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var points)) return false;
            file = new SpoolFile(System.IO.Path.GetDirectoryName(path)!, sequence, points, new FileInfo(path).Length, gzip) { Path = path };
            return true;
        }
    }
}
