using System.Buffers.Binary;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Replay protection for authenticated v3 messages on the trap port. For a trap the sender is the authoritative engine,
/// so the receiver keeps, per sender engine ID, the latest boots and time it sent and when that arrived (RFC 3414
/// §3.2 step 7b, the non-authoritative side), and refuses a message from an older boot, one more than 150 s behind the
/// time expected now, or from an engine at boots 2147483647. Within those 150 s an exact copy would still pass, so the
/// MACs of recently accepted messages are kept too and a second one is refused. Both tables are bounded (a flood of
/// authenticated engines or traps cannot grow them): the least recently heard engine and the oldest MAC go first.
/// Call only after the message authenticated, so that a forged one cannot move a clock. Thread-safe.
/// </summary>
public sealed class SnmpV3ReplayGuard(TimeProvider time, int maxEngines = SnmpV3ReplayGuard.DefaultMaxEngines, int maxDigests = SnmpV3ReplayGuard.DefaultMaxDigests)
{
    public const int DefaultMaxEngines = 10_000;
    public const int DefaultMaxDigests = 100_000;

    /// <summary>RFC 3414 §2.2.2: an engine whose boots reached this must be given a new engine ID.</summary>
    public const int LatchedBoots = int.MaxValue;

    /// <summary>
    /// How long a MAC is kept: two windows and a margin. A trap's copy is refused by its engine's clock once it is 150 s
    /// behind, but an inform may carry a time 150 s ahead of ours and stay in our window for 300 s.
    /// </summary>
    public static readonly TimeSpan DigestRetention = TimeSpan.FromSeconds(2 * UsmSecurity.TimeWindowSeconds + 5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<EngineClock>> _engines = new(StringComparer.Ordinal);
    private readonly LinkedList<EngineClock> _byRecency = new(); // least recently heard first
    private readonly Dictionary<UInt128, long> _digests = [];
    private readonly Queue<(UInt128 Digest, long At)> _digestOrder = new();

    /// <summary>Sender engines whose clock is tracked now.</summary>
    public int Engines { get { lock (_lock) return _engines.Count; } }

    /// <summary>MACs of recently accepted messages kept now.</summary>
    public int Digests
    {
        get
        {
            lock (_lock)
            {
                ExpireDigests(time.GetTimestamp());
                return _digests.Count;
            }
        }
    }

    /// <summary>
    /// Admits an authenticated message and records it, or returns why it is a replay. <paramref name="senderClock"/>:
    /// the message's engine is its sender's (a trap), whose boots and time are checked and tracked; false when the
    /// engine is ours (an inform, already checked against our window), where only an exact copy is refused.
    /// </summary>
    public string? Admit(ReadOnlySpan<byte> engineId, int boots, int engineTime, ReadOnlySpan<byte> mac, bool senderClock)
    {
        lock (_lock)
        {
            long now = time.GetTimestamp();
            ExpireDigests(now);
            string? id = null;
            LinkedListNode<EngineClock>? node = null;
            if (senderClock)
            {
                if (boots >= LatchedBoots) return $"engine boots at {LatchedBoots}, which a live engine never sends";
                id = Convert.ToHexString(engineId);
                if (_engines.TryGetValue(id, out node) && node.Value.Refusal(boots, engineTime, time.GetElapsedTime(node.Value.LatestAt, now)) is { } stale)
                    return stale;
            }
            var digest = Digest(mac);
            if (_digests.ContainsKey(digest)) return $"a copy of a message accepted in the last {DigestRetention.TotalSeconds:0} s";

            _digests[digest] = now;
            _digestOrder.Enqueue((digest, now));
            while (_digests.Count > maxDigests && _digestOrder.TryDequeue(out var oldest)) _digests.Remove(oldest.Digest);
            if (senderClock) Track(id!, node, boots, engineTime, now);
            return null;
        }
    }

    private void Track(string id, LinkedListNode<EngineClock>? node, int boots, int engineTime, long now)
    {
        if (node is null)
        {
            node = _byRecency.AddLast(new EngineClock(id, boots, engineTime, now));
            _engines[id] = node;
            if (_engines.Count > maxEngines && _byRecency.First is { } least)
            {
                _byRecency.RemoveFirst();
                _engines.Remove(least.Value.Id);
            }
            return;
        }
        node.Value.Advance(boots, engineTime, now);
        _byRecency.Remove(node);
        _byRecency.AddLast(node);
    }

    private void ExpireDigests(long now)
    {
        while (_digestOrder.TryPeek(out var oldest) && time.GetElapsedTime(oldest.At, now) > DigestRetention)
        {
            _digestOrder.Dequeue();
            // Evicted for the bound already, or re-recorded later: only the entry of this instant goes.
            if (_digests.TryGetValue(oldest.Digest, out var at) && at == oldest.At) _digests.Remove(oldest.Digest);
        }
    }

    /// <summary>The MAC's first 16 octets (HMAC-SHA-96 has 12, zero-padded): at least 96 bits of a keyed hash.</summary>
    private static UInt128 Digest(ReadOnlySpan<byte> mac)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        mac[..Math.Min(mac.Length, 16)].CopyTo(bytes);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>One sender engine's clock: its latest boots and time (latestReceivedEngineTime), and when they arrived.</summary>
    private sealed class EngineClock(string id, int boots, int engineTime, long latestAt)
    {
        public string Id { get; } = id;
        public int Boots { get; private set; } = boots;
        public int LatestTime { get; private set; } = engineTime;
        public long LatestAt { get; private set; } = latestAt;

        /// <summary>RFC 3414 §3.2.7 b: why a message is outside this engine's window, or null when it is inside.</summary>
        public string? Refusal(int boots, int engineTime, TimeSpan sinceLatest)
        {
            if (boots < Boots) return $"engine boots {boots} below the {Boots} this engine sent before";
            if (boots > Boots) return null;
            long expected = LatestTime + (long)sinceLatest.TotalSeconds;
            return engineTime < expected - UsmSecurity.TimeWindowSeconds
                ? $"engine time {engineTime} more than {UsmSecurity.TimeWindowSeconds} s behind the {expected} expected"
                : null;
        }

        /// <summary>
        /// RFC 3414 §3.2.7 b: a later boot, or a time past the latest received, becomes the engine's clock. It follows the
        /// sender's own count, so a sender whose clock runs slower than ours does not drift out of the window.
        /// </summary>
        public void Advance(int boots, int engineTime, long now)
        {
            if (boots > Boots || engineTime > LatestTime)
            {
                Boots = boots;
                LatestTime = engineTime;
                LatestAt = now;
            }
        }
    }
}
