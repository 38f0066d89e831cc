using Microsoft.Extensions.Logging;
using Prometheus;

namespace NetOps.Core.Hosting;

/// <summary>
/// One long-running loop of a part (a window flush, the point writer's batcher or sender), as
/// <see cref="BackgroundLoops"/> tracks it: a loop that meets an unexpected exception reports it here, is counted and
/// carries on; a loop that ends while the process is not stopping is reported as not running, and <c>/health</c> says so.
/// </summary>
public sealed class BackgroundLoop
{
    private readonly ILogger _logger;
    private readonly Counter.Child _failures;
    private readonly Gauge.Child _running;
    private volatile string? _lastError;
    private volatile bool _failing;
    private volatile bool _exited;
    private volatile bool _stopping;
    private long _failureCount;

    internal BackgroundLoop(string part, string name, ILogger logger, Counter failures, Gauge running)
    {
        Part = part;
        Name = name;
        _logger = logger;
        _failures = failures.WithLabels(part, name);
        _running = running.WithLabels(part, name);
    }

    /// <summary>The part that owns the loop (<c>syslog</c>, <c>flows</c>, <c>influx</c>).</summary>
    public string Part { get; }

    /// <summary>The loop within its part (<c>window flush</c>, <c>batcher</c>, <c>sender</c>).</summary>
    public string Name { get; }

    /// <summary>Unexpected exceptions the loop met since start.</summary>
    public long Failures => Interlocked.Read(ref _failureCount);

    /// <summary>True while the loop's last pass ended in an exception.</summary>
    public bool Failing => _failing;

    /// <summary>True once the loop ended while the process was not stopping.</summary>
    public bool Exited => _exited;

    /// <summary>The last exception's message, for /health.</summary>
    public string? LastError => _lastError;

    /// <summary>The loop met an exception it does not expect: log it with its stack, count it; the loop then carries on.</summary>
    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // The reason first: whoever sees the count go up sees why.
        _lastError = $"{exception.GetType().Name}: {exception.Message}";
        _failing = true;
        long n = Interlocked.Increment(ref _failureCount);
        _failures.Inc();
        // The first failures in full, then one line in a hundred: a loop failing every pass must not flood the log.
        if (n <= 3 || n % 100 == 0) _logger.LoopFailed(exception, Part, Name, n);
    }

    /// <summary>A pass of the loop completed.</summary>
    public void Succeeded() => _failing = false;

    /// <summary>The process is stopping: the loop's end from now on is expected.</summary>
    public void Stopping() => _stopping = true;

    /// <summary>
    /// Runs <paramref name="loop"/> to its end. An end (or an exception that escaped it) while the process is not
    /// stopping is logged and reported as not running; the returned task never faults.
    /// </summary>
    public async Task RunAsync(Func<Task> loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        _running.Set(1);
        try
        {
            await loop().ConfigureAwait(false);
            if (!_stopping) Exit(null);
        }
        catch (Exception e)
        {
            if (_stopping && e is OperationCanceledException) return;
            Exit(e);
        }
        finally
        {
            _running.Set(0);
        }
    }

    private void Exit(Exception? e)
    {
        if (e is not null)
        {
            _lastError = $"{e.GetType().Name}: {e.Message}";
            Interlocked.Increment(ref _failureCount);
            _failures.Inc();
        }
        _exited = true;
        _logger.LoopExited(e, Part, Name);
    }

    /// <summary>Why the loop is not doing its work, or null when it is.</summary>
    public string? Problem =>
        _exited ? $"{Part}: {Name} is not running{(_lastError is { } x ? $" ({x})" : "")}"
        : _failing ? $"{Part}: {Name} is failing ({_lastError})"
        : null;
}
