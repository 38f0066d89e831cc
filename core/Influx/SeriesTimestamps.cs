namespace NetOps.Core.Influx;

/// <summary>
/// Makes each point's timestamp unique within its series, so that two events of the same second are both kept:
/// InfluxDB keeps one point per series and timestamp, and syslog often has whole seconds only. A colliding point
/// moves to the next free nanosecond.
/// </summary>
/// <remarks>
/// <para>Cost is O(1) per point however many points share a series and second (a debug flood): each used timestamp
/// remembers the next candidate, and a lookup follows and compresses those links (a disjoint-set "next free slot"),
/// so k points at one timestamp take O(k), not O(k²) probes. Series are told apart by a 64-bit hash of measurement
/// and tags, computed without allocating; two series that collide only share their free slots (a point may move a
/// nanosecond it did not need to), never lose one.</para>
/// <para>Memory is bounded twice: a used timestamp is remembered for <see cref="Window"/>, and at most
/// <see cref="Capacity"/> are remembered at all (the oldest are forgotten first).</para>
/// <para>Not thread-safe: the writer's single batcher owns it.</para>
/// </remarks>
public sealed class SeriesTimestamps
{
    /// <summary>
    /// Used timestamps remembered at most by default: about 15 MB (a link and a queue entry each), and at 100,000
    /// events/s still the last 2.6 s, longer than a batch takes to close.
    /// </summary>
    public const int DefaultCapacity = 262_144;

    private readonly Dictionary<(ulong Series, long Timestamp), long> _next = [];
    private readonly Queue<(ulong Series, long Timestamp, long UsedAt)> _order = new();
    private readonly TimeProvider _time;
    private readonly long _windowTicks;

    public SeriesTimestamps(TimeProvider timeProvider, TimeSpan? window = null, int capacity = DefaultCapacity)
    {
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Window = window ?? TimeSpan.FromMinutes(1);
        Capacity = capacity;
        _windowTicks = (long)(Window.TotalSeconds * _time.TimestampFrequency);
    }

    /// <summary>How long a used timestamp is remembered.</summary>
    public TimeSpan Window { get; }

    /// <summary>The most used timestamps remembered at once.</summary>
    public int Capacity { get; }

    /// <summary>Used timestamps currently remembered.</summary>
    public int Remembered => _order.Count;

    /// <summary>Moves <paramref name="point"/>'s timestamp to the first one not yet used in its series; true when it moved.</summary>
    public bool MakeUnique(Point point)
    {
        ArgumentNullException.ThrowIfNull(point);
        long now = _time.GetTimestamp();
        Forget(now);

        ulong series = SeriesHash(point);
        long wanted = point.TimestampNs;
        long free = FindFree(series, wanted);
        _next[(series, free)] = free + 1;
        _order.Enqueue((series, free, now));
        if (free == wanted) return false;
        point.TimestampNs = free;
        return true;
    }

    /// <summary>The first timestamp at or after <paramref name="ts"/> not used in the series; the links walked are made to point at it.</summary>
    private long FindFree(ulong series, long ts)
    {
        long free = ts;
        while (_next.TryGetValue((series, free), out long candidate)) free = candidate;
        // Path compression: the next point at any of these timestamps goes straight to the end of the run.
        for (long at = ts; at != free;)
        {
            long candidate = _next[(series, at)];
            _next[(series, at)] = free;
            at = candidate;
        }
        return free;
    }

    private void Forget(long now)
    {
        while (_order.Count > 0)
        {
            var (series, ts, usedAt) = _order.Peek();
            if (_order.Count < Capacity && now - usedAt <= _windowTicks) break; // room for the one about to be added
            _order.Dequeue();
            // A forgotten timestamp is free again; links that lead through it still end at a free slot.
            _next.Remove((series, ts));
        }
    }

    /// <summary>FNV-1a over the measurement and the sorted tags, with separators so that ("ab","c") differs from ("a","bc").</summary>
    private static ulong SeriesHash(Point point)
    {
        ulong h = 14695981039346656037UL;
        h = Mix(h, point.Measurement);
        foreach (var (key, value) in point.Tags)
        {
            h = Mix((h ^ ',') * 1099511628211UL, key);
            h = Mix((h ^ '=') * 1099511628211UL, value);
        }
        return h;
    }

    private static ulong Mix(ulong h, string s)
    {
        foreach (char c in s) h = (h ^ c) * 1099511628211UL;
        return h;
    }
}
