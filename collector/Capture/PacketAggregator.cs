using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Collector.Capture;

/// <summary>
/// Counts packets, bytes, SYN, SYN-ACK and RST per protocol over windows of packet time, and emits one
/// <c>packets</c> point per protocol seen when a window closes, stamped at the window's start: a replay at full speed
/// writes the recorded times. A packet older than the open window (clock steps, reordering) is counted in the open
/// window rather than rewriting a closed one. Not thread-safe: one pipeline owns it.
/// </summary>
public sealed class PacketAggregator
{
    private readonly string _site, _sensor;
    private readonly long _windowNs;
    private readonly long[] _packets = new long[PacketProtos.Count];
    private readonly long[] _bytes = new long[PacketProtos.Count];
    private readonly long[] _syn = new long[PacketProtos.Count];
    private readonly long[] _synAck = new long[PacketProtos.Count];
    private readonly long[] _rst = new long[PacketProtos.Count];
    private long _windowStart;
    private bool _open;

    public PacketAggregator(string site, string sensor, int windowSeconds)
    {
        _site = site;
        _sensor = sensor;
        _windowNs = Math.Max(1, windowSeconds) * 1_000_000_000L;
    }

    public long WindowNs => _windowNs;

    /// <summary>Points emitted so far.</summary>
    public long PointsEmitted { get; private set; }

    public void Add(long timestampNs, PacketProto proto, int wireBytes, byte tcpFlags, List<Point> output)
    {
        long start = timestampNs - (((timestampNs % _windowNs) + _windowNs) % _windowNs);
        if (!_open)
        {
            _windowStart = start;
            _open = true;
        }
        else if (start > _windowStart)
        {
            Flush(output);
            _windowStart = start;
            _open = true;
        }
        int p = (int)proto;
        _packets[p]++;
        _bytes[p] += wireBytes;
        if (proto == PacketProto.Tcp)
        {
            int synAck = tcpFlags & (PacketInfo.Syn | PacketInfo.Ack);
            if (synAck == PacketInfo.Syn) _syn[p]++;
            else if (synAck == (PacketInfo.Syn | PacketInfo.Ack)) _synAck[p]++;
            if ((tcpFlags & PacketInfo.Rst) != 0) _rst[p]++;
        }
    }

    /// <summary>Closes the open window if it ended before <paramref name="nowNs"/> (live capture with no traffic).</summary>
    public void FlushEnded(long nowNs, List<Point> output)
    {
        if (_open && nowNs >= _windowStart + _windowNs) Flush(output);
    }

    /// <summary>Emits the open window, if any.</summary>
    public void Flush(List<Point> output)
    {
        if (!_open) return;
        for (int p = 0; p < PacketProtos.Count; p++)
        {
            if (_packets[p] == 0) continue;
            output.Add(new Point(Measurements.Packets, _windowStart)
                .Tag("site", _site)
                .Tag("sensor", _sensor)
                .Tag("proto", ((PacketProto)p).ToTag())
                .Field("packets", _packets[p])
                .Field("bytes", _bytes[p])
                .Field("syn", _syn[p])
                .Field("synack", _synAck[p])
                .Field("rst", _rst[p]));
            PointsEmitted++;
        }
        Array.Clear(_packets);
        Array.Clear(_bytes);
        Array.Clear(_syn);
        Array.Clear(_synAck);
        Array.Clear(_rst);
        _open = false;
    }
}
