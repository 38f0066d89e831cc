namespace NetOps.Collector.Snmp;

/// <summary>
/// What a manager knows of one authoritative engine (RFC 3414 §2.3): its ID, and its boots and time as of a local
/// instant, from which its time now is estimated. Learned by discovery, kept across polls so a device is discovered
/// once, not every interval. Thread-safe.
/// </summary>
public sealed class UsmPeer(TimeProvider time)
{
    private readonly Lock _lock = new();
    private byte[]? _engineId;
    private int _boots;
    private int _time;
    private long _learnedAt;

    /// <summary>The engine's ID, or null before discovery.</summary>
    public byte[]? EngineId { get { lock (_lock) return _engineId; } }

    /// <summary>The engine's boots and its time estimated for now.</summary>
    public (int Boots, int Time) Clock()
    {
        lock (_lock)
        {
            long elapsed = (long)time.GetElapsedTime(_learnedAt).TotalSeconds;
            return (_boots, (int)Math.Min(int.MaxValue, _time + Math.Max(0, elapsed)));
        }
    }

    /// <summary>Learns the engine from a Report or an authentic message (a new ID replaces the old one and its clock).</summary>
    public void Learn(byte[] engineId, int boots, int engineTime)
    {
        lock (_lock)
        {
            _engineId = engineId;
            _boots = boots;
            _time = engineTime;
            _learnedAt = time.GetTimestamp();
        }
    }

    /// <summary>RFC 3414 §3.2.7 b: an authentic message moves the clock forward, never back.</summary>
    public void Advance(int boots, int engineTime)
    {
        lock (_lock)
        {
            var (b, t) = (_boots, _time + (long)time.GetElapsedTime(_learnedAt).TotalSeconds);
            if (boots > b || (boots == b && engineTime > t))
            {
                _boots = boots;
                _time = engineTime;
                _learnedAt = time.GetTimestamp();
            }
        }
    }

    /// <summary>Forgets the engine: the next request discovers it again.</summary>
    public void Forget()
    {
        lock (_lock) _engineId = null;
    }
}
