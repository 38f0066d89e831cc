using NetOps.Collector.Flows;

namespace NetOps.Collector.Scans;

/// <summary>
/// Per-source reach of one site's window in bounded memory. At most <see cref="Capacity"/> sources are held
/// (Space-Saving by probe packets: a source that sends many probes is kept, a spoofed one-packet source is what gets
/// evicted, and <see cref="Evicted"/> counts them); each held source has two fixed bitmaps that count its distinct
/// destination ports and hosts by linear counting (Whang et al. 1990). Everything is allocated up front, so adding
/// allocates nothing whatever the traffic. Not thread-safe; one per site and window, owned by an aggregator.
/// </summary>
public sealed class ScanSketch
{
    /// <summary>Bits of each distinct-count bitmap.</summary>
    public const int BitmapBits = 1024;

    private const int Words = BitmapBits / 64;

    /// <summary>Linear counting's estimate when every bit is set: counts saturate here (about 7,098).</summary>
    public static readonly long MaxDistinct = (long)Math.Round(BitmapBits * Math.Log(BitmapBits));

    private readonly FlowAddress[] _keys;
    private readonly long[] _packets, _errors, _syns;
    private readonly ulong[] _ports, _hosts;
    private readonly int[] _heap;      // entry indices, min-heap by packets
    private readonly int[] _position;  // entry index → heap position
    private readonly Dictionary<FlowAddress, int> _index;
    private int _size;

    public ScanSketch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _keys = new FlowAddress[capacity];
        _packets = new long[capacity];
        _errors = new long[capacity];
        _syns = new long[capacity];
        _ports = new ulong[capacity * Words];
        _hosts = new ulong[capacity * Words];
        _heap = new int[capacity];
        _position = new int[capacity];
        _index = new(capacity);
    }

    public int Capacity { get; }

    /// <summary>Sources held.</summary>
    public int Count => _size;

    /// <summary>Sources evicted to make room since the last <see cref="Clear"/> (their counts went to the newcomer).</summary>
    public long Evicted { get; private set; }

    /// <summary>Probe packets added since the last <see cref="Clear"/>.</summary>
    public long Total { get; private set; }

    /// <summary>Counts <paramref name="packets"/> probes (<paramref name="syns"/> of them SYNs) from <paramref name="source"/> to <paramref name="destination"/>:<paramref name="port"/>.</summary>
    public void Add(in FlowAddress source, in FlowAddress destination, ushort port, long packets, long syns)
    {
        if (packets < 1) packets = 1;
        Total += packets;
        bool appended = false;
        if (!_index.TryGetValue(source, out int i))
        {
            if (_size < Capacity)
            {
                i = _size++;
                _heap[i] = i;
                _position[i] = i;
                Reset(i, source, 0);
                appended = true;
            }
            else
            {
                // Evict the smallest; the newcomer inherits its count as its possible overestimate (Space-Saving).
                i = _heap[0];
                _index.Remove(_keys[i]);
                Reset(i, source, _packets[i]);
                Evicted++;
            }
            _index[source] = i;
        }
        _packets[i] += packets;
        _syns[i] += syns;
        Set(_ports.AsSpan(i * Words, Words), Mix((ulong)port * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL));
        Set(_hosts.AsSpan(i * Words, Words), Mix((ulong)destination.Value ^ Mix((ulong)(destination.Value >> 64) ^ (destination.IsV6 ? 1UL : 0UL))));
        if (appended) SiftUp(_position[i]);
        else SiftDown(_position[i]);
    }

    private void Reset(int i, in FlowAddress source, long inherited)
    {
        _keys[i] = source;
        _packets[i] = inherited;
        _errors[i] = inherited;
        _syns[i] = 0;
        _ports.AsSpan(i * Words, Words).Clear();
        _hosts.AsSpan(i * Words, Words).Clear();
    }

    /// <summary>
    /// The <paramref name="n"/> sources that reached the most distinct ports plus hosts (ties: more packets, then the
    /// lower address, for a stable order).
    /// </summary>
    public List<ScanSource> Top(int n)
    {
        var list = new List<ScanSource>(_size);
        for (int i = 0; i < _size; i++)
        {
            list.Add(new ScanSource(_keys[i], Estimate(_ports.AsSpan(i * Words, Words)), Estimate(_hosts.AsSpan(i * Words, Words)),
                _syns[i], _packets[i], _errors[i]));
        }
        list.Sort(static (a, b) =>
        {
            int c = (b.Ports + b.Hosts).CompareTo(a.Ports + a.Hosts);
            if (c != 0) return c;
            c = b.Packets.CompareTo(a.Packets);
            return c != 0 ? c : a.Address.Value.CompareTo(b.Address.Value);
        });
        if (list.Count > n) list.RemoveRange(n, list.Count - n);
        return list;
    }

    public void Clear()
    {
        _index.Clear();
        _size = 0;
        Evicted = 0;
        Total = 0;
    }

    /// <summary>Linear counting: n ≈ −m·ln(zero bits / m); saturates at <see cref="MaxDistinct"/> when no bit is free.</summary>
    public static long Estimate(ReadOnlySpan<ulong> bitmap)
    {
        int set = 0;
        foreach (var w in bitmap) set += System.Numerics.BitOperations.PopCount(w);
        int m = bitmap.Length * 64;
        int zeros = m - set;
        if (zeros == 0) return MaxDistinct;
        return (long)Math.Round(-m * Math.Log((double)zeros / m));
    }

    private static void Set(Span<ulong> bitmap, ulong hash)
    {
        int bit = (int)(hash >> 54); // top 10 bits: 0..1023
        bitmap[bit >> 6] |= 1UL << (bit & 63);
    }

    // MurmurHash3's 64-bit finaliser: sequential ports must land on random bits, or linear counting overestimates.
    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xFF51AFD7ED558CCDUL;
        k ^= k >> 33;
        k *= 0xC4CEB9FE1A85EC53UL;
        k ^= k >> 33;
        return k;
    }

    private void SiftUp(int p)
    {
        while (p > 0)
        {
            int parent = (p - 1) / 2;
            if (_packets[_heap[parent]] <= _packets[_heap[p]]) return;
            Swap(p, parent);
            p = parent;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _position[_heap[a]] = a;
        _position[_heap[b]] = b;
    }

    private void SiftDown(int p)
    {
        while (true)
        {
            int l = 2 * p + 1, r = l + 1, smallest = p;
            if (l < _size && _packets[_heap[l]] < _packets[_heap[smallest]]) smallest = l;
            if (r < _size && _packets[_heap[r]] < _packets[_heap[smallest]]) smallest = r;
            if (smallest == p) return;
            Swap(p, smallest);
            p = smallest;
        }
    }
}
