namespace NetOps.Core.Influx;

/// <summary>
/// Makes each point's timestamp unique within its series, so that two events of the same second are both kept:
/// InfluxDB keeps one point per series and timestamp, and syslog often has whole seconds only. A colliding point
/// moves to the next free nanosecond. Memory stays bounded: a series remembers the timestamps it used during the
/// last <see cref="Window"/> only.
/// </summary>
/// <remarks>Not thread-safe: the writer's single batcher owns it.</remarks>
public sealed class SeriesTimestamps
{
    private readonly Dictionary<string, SeriesState> _series = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _lastSweep;

    public SeriesTimestamps(TimeProvider timeProvider, TimeSpan? window = null)
    {
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Window = window ?? TimeSpan.FromMinutes(1);
        _lastSweep = _time.GetTimestamp();
    }

    /// <summary>How long a used timestamp is remembered.</summary>
    public TimeSpan Window { get; }

    /// <summary>Series currently remembered.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>Moves <paramref name="point"/>'s timestamp to the first one not yet used in its series; true when it moved.</summary>
    public bool MakeUnique(Point point)
    {
        ArgumentNullException.ThrowIfNull(point);
        long now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastSweep, now) > Window) Sweep(now);

        var key = point.SeriesKey();
        if (!_series.TryGetValue(key, out var state)) _series[key] = state = new SeriesState();
        state.Prune(now, _time, Window);

        long ts = point.TimestampNs;
        while (!state.Used.Add(ts)) ts++;
        state.Order.Enqueue((ts, now));
        if (ts == point.TimestampNs) return false;
        point.TimestampNs = ts;
        return true;
    }

    private void Sweep(long now)
    {
        _lastSweep = now;
        List<string>? idle = null;
        foreach (var (key, state) in _series)
        {
            state.Prune(now, _time, Window);
            if (state.Used.Count == 0) (idle ??= []).Add(key);
        }
        if (idle is not null) foreach (var key in idle) _series.Remove(key);
    }

    private sealed class SeriesState
    {
        public readonly HashSet<long> Used = [];
        public readonly Queue<(long Timestamp, long UsedAt)> Order = new();

        public void Prune(long now, TimeProvider time, TimeSpan window)
        {
            while (Order.Count > 0 && time.GetElapsedTime(Order.Peek().UsedAt, now) > window)
                Used.Remove(Order.Dequeue().Timestamp);
        }
    }
}
