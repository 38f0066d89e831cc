namespace NetOps.Collector.Flows;

/// <summary>
/// Weighted Space-Saving (Metwally et al.) over (address, role): at most <see cref="Capacity"/> counters whatever the
/// number of distinct addresses. Any key whose true weight exceeds total/capacity is guaranteed to be held, and a
/// held key's estimate exceeds its true weight by at most its recorded error. A min-heap keeps the smallest counter at
/// the root, so an update costs O(log capacity). Not thread-safe; one per site and window, owned by the aggregator.
/// </summary>
public sealed class SpaceSaving
{
    private readonly Entry[] _entries;
    private readonly int[] _heap;      // entry indices, min-heap by Count
    private readonly int[] _position;  // entry index → heap position
    private readonly Dictionary<(FlowAddress, TalkerRole), int> _index;
    private int _size;

    public SpaceSaving(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new Entry[capacity];
        _heap = new int[capacity];
        _position = new int[capacity];
        _index = new(capacity);
    }

    public int Capacity { get; }

    /// <summary>Counters in use.</summary>
    public int Count => _size;

    /// <summary>Sum of every weight added (bytes).</summary>
    public ulong Total { get; private set; }

    public void Add(in FlowAddress address, TalkerRole role, ulong bytes, ulong packets)
    {
        Total += bytes;
        var key = (address, role);
        if (_index.TryGetValue(key, out int i))
        {
            ref var e = ref _entries[i];
            e.Count += bytes;
            e.Packets += packets;
            e.Flows++;
            SiftDown(_position[i]);
            return;
        }
        if (_size < Capacity)
        {
            i = _size++;
            _entries[i] = new Entry { Key = key, Count = bytes, Packets = packets, Flows = 1 };
            _index[key] = i;
            _heap[_size - 1] = i;
            _position[i] = _size - 1;
            SiftUp(_size - 1);
            return;
        }
        // Evict the smallest counter; the newcomer inherits its count as its possible overestimate.
        i = _heap[0];
        ref var min = ref _entries[i];
        _index.Remove(min.Key);
        ulong floor = min.Count;
        min = new Entry { Key = key, Count = floor + bytes, Error = floor, Packets = packets, Flows = 1 };
        _index[key] = i;
        SiftDown(0);
    }

    /// <summary>The <paramref name="n"/> largest counters, by bytes (ties by address for a stable order).</summary>
    public List<Entry> Top(int n)
    {
        var list = new List<Entry>(_size);
        for (int i = 0; i < _size; i++) list.Add(_entries[i]);
        list.Sort(static (a, b) =>
        {
            int c = b.Count.CompareTo(a.Count);
            if (c != 0) return c;
            c = a.Key.Item1.Value.CompareTo(b.Key.Item1.Value);
            return c != 0 ? c : a.Key.Item2.CompareTo(b.Key.Item2);
        });
        if (list.Count > n) list.RemoveRange(n, list.Count - n);
        return list;
    }

    public void Clear()
    {
        _index.Clear();
        _size = 0;
        Total = 0;
    }

    private void SiftUp(int p)
    {
        while (p > 0)
        {
            int parent = (p - 1) / 2;
            if (_entries[_heap[parent]].Count <= _entries[_heap[p]].Count) break;
            Swap(p, parent);
            p = parent;
        }
    }

    private void SiftDown(int p)
    {
        while (true)
        {
            int l = 2 * p + 1, r = l + 1, smallest = p;
            if (l < _size && _entries[_heap[l]].Count < _entries[_heap[smallest]].Count) smallest = l;
            if (r < _size && _entries[_heap[r]].Count < _entries[_heap[smallest]].Count) smallest = r;
            if (smallest == p) return;
            Swap(p, smallest);
            p = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _position[_heap[a]] = a;
        _position[_heap[b]] = b;
    }

    /// <summary>One counter: bytes (the estimate), the overestimate bound, and packets and flows seen while held.</summary>
    public struct Entry
    {
        public (FlowAddress Address, TalkerRole Role) Key;
        public ulong Count;
        public ulong Error;
        public ulong Packets;
        public ulong Flows;
    }
}
