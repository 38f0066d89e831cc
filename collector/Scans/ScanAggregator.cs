using NetOps.Collector.Capture;
using NetOps.Collector.Flows;
using NetOps.Core.Influx;

namespace NetOps.Collector.Scans;

/// <summary>
/// The capture path's per-source features: probes (<see cref="ScanProbe"/>) of one sensor's site counted in a
/// <see cref="ScanSketch"/> over the same windows of packet time as <see cref="PacketAggregator"/>, written as
/// <c>scan_top</c> when a window closes. Points are stamped at the window's start plus a few nanoseconds fixed per
/// sensor, so two sensors of one site do not overwrite each other's ranks. Not thread-safe: one pipeline owns it.
/// </summary>
public sealed class ScanAggregator
{
    private readonly string _site;
    private readonly long _windowNs;
    private readonly long _sensorOffsetNs;
    private readonly int _topN;
    private readonly ScanSketch _sketch;
    private long _windowStart;
    private bool _open;

    public ScanAggregator(string site, string sensor, int windowSeconds, ScanLimits limits)
    {
        _site = site;
        _windowNs = Math.Max(1, windowSeconds) * 1_000_000_000L;
        _topN = Math.Max(1, limits.TopN);
        _sketch = new ScanSketch(Math.Max(1, limits.Sources));
        _sensorOffsetNs = SensorOffset(sensor);
    }

    /// <summary><c>scan_top</c> points emitted so far.</summary>
    public long PointsEmitted { get; private set; }

    /// <summary>Sources evicted from full sketches so far (the drops of this path).</summary>
    public long Evicted { get; private set; }

    /// <summary>Counts the packet if it is a probe; closes the open window first when the packet is past it.</summary>
    public void Add(long timestampNs, ReadOnlySpan<byte> frame, in PacketInfo info, List<Point> output)
    {
        if (info.Fragment || !ScanProbe.IsProbe(info.Protocol, info.TcpFlags, true, info.SourcePort)) return;
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
        var source = Address(frame, info.SourceOffset, info.AddressLength);
        var destination = Address(frame, info.DestinationOffset, info.AddressLength);
        _sketch.Add(source, destination, info.DestinationPort, 1, ScanProbe.IsSyn(info.Protocol, info.TcpFlags) ? 1 : 0);
    }

    private static FlowAddress Address(ReadOnlySpan<byte> frame, int offset, int length) =>
        length == 4 ? FlowAddress.FromV4(frame.Slice(offset, 4)) : FlowAddress.FromV6(frame.Slice(offset, 16));

    /// <summary>Closes the open window if it ended before <paramref name="nowNs"/> (live capture with no probes).</summary>
    public void FlushEnded(long nowNs, List<Point> output)
    {
        if (_open && nowNs >= _windowStart + _windowNs) Flush(output);
    }

    /// <summary>Emits the open window, if any.</summary>
    public void Flush(List<Point> output)
    {
        if (!_open) return;
        PointsEmitted += ScanTopPoints.Add(output, _site, _windowStart + _sensorOffsetNs, _sketch, _topN, "capture");
        Evicted += _sketch.Evicted;
        _sketch.Clear();
        _open = false;
    }

    /// <summary>1..999 ns from the sensor's name (FNV-1a: stable across processes, unlike string hash codes).</summary>
    internal static long SensorOffset(string sensor)
    {
        uint h = 2166136261;
        foreach (char c in sensor) h = (h ^ c) * 16777619;
        return 1 + h % 999;
    }
}
