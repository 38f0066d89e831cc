using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Collector.Scans;

namespace NetOps.Collector.Flows;

/// <summary>
/// Sums decoded flows per window of <see cref="FlowOptions.AggregationSeconds"/> (by receive time) into one
/// <c>flow</c> point per (site, exporter, proto, direction), and keeps each site's top talkers of the window in a
/// bounded Space-Saving sketch, written as <c>flow_top</c> (tags site and rank only, so at most
/// <see cref="FlowOptions.TopTalkers"/> series per site). The site and exporter come from the inventory by the
/// exporter's address; the direction from the site's own prefixes, else from the flow's direction field.
/// Thread-safe: the decoder adds, a timer drains.
/// </summary>
public sealed class FlowAggregator : IFlowSink, ITopTalkers
{
    /// <summary>Measurement of the per-site top-talker lists.</summary>
    public const string TopMeasurement = "flow_top";

    private const int UnknownExporterId = 0;

    private readonly long _windowNs;
    private readonly int _topN;
    private readonly int _sketchCapacity;
    private readonly ScanLimits _scanLimits;
    private SiteInventory _inventory;
    private readonly FlowPipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<FlowAggregator> _logger;
    private PrefixTable _prefixes;
    private readonly Lock _gate = new();
    // Exporter id → who it is; id 0 is the unknown exporter. Ids are per address, so the cache is bounded by what
    // the inventory lists plus a cap on unknown senders (which all share id 0).
    private readonly List<Exporter> _exporters = [new(-1, Measurements.UnknownSite, "unknown")];
    private readonly Dictionary<IPAddress, int> _exporterIds = [];
    private readonly SortedList<long, Window> _windows = [];
    private readonly Stack<Window> _spare = new();
    // Several collectors may receive the same exporter's traffic (anycast, a move); a sub-µs offset per instance
    // keeps their points apart, since InfluxDB keeps one point per series and timestamp.
    private readonly long _instanceOffsetNs = Random.Shared.Next(1, 1000);
    private long _drainedUntilNs = long.MinValue;
    private Dictionary<string, IReadOnlyList<TopTalker>> _latestTop = new(StringComparer.Ordinal);
    private DateTimeOffset? _latestWindowEnd;

    public FlowAggregator(IOptions<FlowOptions> options, IInventorySource inventory, FlowPipelineMetrics metrics, TimeProvider time, ILogger<FlowAggregator> logger)
    {
        var o = options.Value;
        _windowNs = o.AggregationSeconds * 1_000_000_000L;
        _topN = o.TopTalkers;
        _sketchCapacity = Math.Max(1, o.TopTalkers * o.TopTalkerCounters);
        _scanLimits = new ScanLimits(o.ScanTopN, o.ScanSources);
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _inventory = inventory.Current;
        _prefixes = BuildPrefixes(_inventory);
        inventory.Changed += OnInventoryChanged;
    }

    /// <summary>
    /// An operator changed the inventory: new exporters and prefixes apply from now on. Ids already in open windows
    /// stay valid (the exporter and site lists only grow), so flows counted before the change keep their site.
    /// </summary>
    private void OnInventoryChanged(SiteInventory inventory)
    {
        lock (_gate)
        {
            _inventory = inventory;
            _prefixes = BuildPrefixes(inventory);
            _exporterIds.Clear();
        }
    }

    private PrefixTable BuildPrefixes(SiteInventory inventory)
    {
        var bad = new List<string>();
        var prefixes = PrefixTable.Build(inventory.Sites.SelectMany(s => (s.Prefixes ?? []).Select(p => (p, SiteIndex(s.Code)))), bad);
        foreach (var cidr in bad) _logger.BadPrefix(cidr);
        return prefixes;
    }

    /// <summary>Nanoseconds added to every timestamp this instance writes (window end + offset).</summary>
    public long InstanceOffsetNs => _instanceOffsetNs;

    public long WindowNs => _windowNs;

    /// <summary>Windows holding data not yet drained.</summary>
    public int OpenWindows { get { lock (_gate) return _windows.Count; } }

    /// <inheritdoc/>
    public void OnFlows(IPAddress exporter, FlowExportKind kind, uint observationDomain, long exportTimeNs, ReadOnlySpan<FlowRecord> flows) =>
        Add(Point.ToNanoseconds(_time.GetUtcNow()), exporter, flows);

    /// <summary>Adds flows received at <paramref name="receivedAtNs"/> from <paramref name="exporter"/>.</summary>
    public void Add(long receivedAtNs, IPAddress exporter, ReadOnlySpan<FlowRecord> flows)
    {
        if (flows.IsEmpty) return;
        lock (_gate)
        {
            int id = ExporterId(exporter);
            var who = _exporters[id];
            if (id == UnknownExporterId) _metrics.UnknownExporter.Inc(flows.Length);
            var window = WindowFor(receivedAtNs);
            var sketch = _topN > 0 ? window.Sketch(who.SiteIndex, _sketchCapacity) : null;
            var scans = _scanLimits.Enabled ? window.Scans(who.SiteIndex, _scanLimits.Sources) : null;
            for (int i = 0; i < flows.Length; i++)
            {
                ref readonly var f = ref flows[i];
                var direction = DirectionOf(who.SiteIndex, f);
                ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(window.Sums,
                    new SumKey(id, FlowProtocols.FromIpProtocol(f.Protocol), direction), out _);
                sums.Flows++;
                sums.Packets += f.Packets;
                sums.Bytes += f.Bytes;
                if (sketch is not null)
                {
                    sketch.Add(f.Source, TalkerRole.Source, f.Bytes, f.Packets);
                    sketch.Add(f.Destination, TalkerRole.Destination, f.Bytes, f.Packets);
                }
                // Exporters that send no TCP flags leave 0; a real TCP flow always has some flag.
                if (scans is not null && ScanProbe.IsProbe(f.Protocol, f.TcpFlags, f.TcpFlags != 0, f.SourcePort))
                {
                    long packets = (long)Math.Min(f.Packets, long.MaxValue);
                    scans.Add(f.Source, f.Destination, f.DestinationPort, packets, ScanProbe.IsSyn(f.Protocol, f.TcpFlags) ? packets : 0);
                }
            }
        }
        _metrics.Aggregated.Inc(flows.Length);
    }

    /// <summary>Direction seen from the exporter's site: to its prefixes in, from them out, else what the flow says.</summary>
    internal FlowDirection DirectionOf(int siteIndex, in FlowRecord flow)
    {
        if (siteIndex >= 0 && _prefixes.Count > 0)
        {
            if (_prefixes.Lookup(flow.Destination) == siteIndex) return FlowDirection.In;
            if (_prefixes.Lookup(flow.Source) == siteIndex) return FlowDirection.Out;
        }
        return FlowDirections.FromExported(flow.Direction);
    }

    /// <summary>Points of every window that ended at or before <paramref name="nowNs"/>; the top lists move to <see cref="GetTop"/>.</summary>
    public List<Point> Drain(long nowNs)
    {
        var points = new List<Point>();
        lock (_gate)
        {
            while (_windows.Count > 0 && _windows.Keys[0] + _windowNs <= nowNs)
            {
                long start = _windows.Keys[0];
                var window = _windows.Values[0];
                _windows.RemoveAt(0);
                Emit(start, window, points);
                _drainedUntilNs = Math.Max(_drainedUntilNs, start + _windowNs);
                window.Reset();
                _spare.Push(window);
            }
        }
        return points;
    }

    /// <summary>Points of every window, finished or not (at stop).</summary>
    public List<Point> DrainAll() => Drain(long.MaxValue - _windowNs);

    public IReadOnlyList<TopTalker> GetTop(string site)
    {
        var latest = Volatile.Read(ref _latestTop);
        return latest.TryGetValue(site, out var list) ? list : [];
    }

    public DateTimeOffset? LastWindowEnd { get { lock (_gate) return _latestWindowEnd; } }

    private Window WindowFor(long receivedAtNs)
    {
        long start = receivedAtNs - Mod(receivedAtNs, _windowNs);
        // A datagram that waited in the queue past its window's drain still counts, in the oldest open window.
        if (start < _drainedUntilNs) start = _drainedUntilNs;
        if (_windows.TryGetValue(start, out var window)) return window;
        window = _spare.Count > 0 ? _spare.Pop() : new Window();
        _windows.Add(start, window);
        return window;
    }

    private static long Mod(long a, long m) => ((a % m) + m) % m;

    private void Emit(long start, Window window, List<Point> points)
    {
        long ts = start + _windowNs + _instanceOffsetNs;
        foreach (var (key, sums) in window.Sums)
        {
            var who = _exporters[key.ExporterId];
            points.Add(new Point(Measurements.Flow, ts)
                .Tag("site", who.Site)
                .Tag("exporter", who.Name)
                .Tag("proto", key.Protocol.TagValue())
                .Tag("direction", key.Direction.TagValue())
                .Field("flows", (long)sums.Flows)
                .Field("packets", (long)sums.Packets)
                .Field("bytes", (long)sums.Bytes));
        }
        _metrics.Points.WithLabels(Measurements.Flow).Inc(window.Sums.Count);
        EmitScans(ts, window, points);
        if (_topN == 0) return;

        var latest = new Dictionary<string, IReadOnlyList<TopTalker>>(_latestTop, StringComparer.Ordinal);
        int topPoints = 0;
        foreach (var (siteIndex, sketch) in window.Sketches)
        {
            if (sketch.Count == 0) continue;
            string site = siteIndex >= 0 ? _siteCodes[siteIndex] : Measurements.UnknownSite;
            var top = sketch.Top(_topN);
            var list = new List<TopTalker>(top.Count);
            for (int r = 0; r < top.Count; r++)
            {
                var e = top[r];
                var talker = new TopTalker(r + 1, e.Key.Address.ToIPAddress(), e.Key.Role, (long)e.Count, (long)e.Packets, (long)e.Flows, (long)e.Error);
                list.Add(talker);
                points.Add(new Point(TopMeasurement, ts)
                    .Tag("site", site)
                    .Tag("rank", RankTag(r + 1))
                    .Field("address", talker.Address.ToString())
                    .Field("role", e.Key.Role.TagValue())
                    .Field("bytes", talker.Bytes)
                    .Field("packets", talker.Packets)
                    .Field("flows", talker.Flows)
                    .Field("bytes_error", talker.BytesError));
                topPoints++;
            }
            latest[site] = list;
        }
        _metrics.Points.WithLabels(TopMeasurement).Inc(topPoints);
        Volatile.Write(ref _latestTop, latest);
        _latestWindowEnd = Point.FromNanoseconds(start + _windowNs);
    }

    private void EmitScans(long ts, Window window, List<Point> points)
    {
        int scanPoints = 0;
        long evicted = 0;
        foreach (var (siteIndex, scans) in window.ScanSketches)
        {
            string site = siteIndex >= 0 ? _siteCodes[siteIndex] : Measurements.UnknownSite;
            scanPoints += ScanTopPoints.Add(points, site, ts, scans, _scanLimits.TopN, "flow");
            evicted += scans.Evicted;
        }
        if (scanPoints > 0) _metrics.Points.WithLabels(Measurements.ScanTop).Inc(scanPoints);
        if (evicted > 0) _metrics.ScanSourcesEvicted.Inc(evicted);
    }

    private static readonly string[] Ranks = Enumerable.Range(0, 101).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string RankTag(int rank) => Ranks[rank];

    private int ExporterId(IPAddress exporter)
    {
        if (_exporterIds.TryGetValue(exporter, out int id)) return id;
        if (_inventory.FindByAddress(exporter) is { } match)
        {
            id = _exporters.Count;
            _exporters.Add(new Exporter(SiteIndex(match.Site.Code), match.Site.Code, match.Device.Name));
        }
        else
        {
            id = UnknownExporterId;
            _logger.UnknownExporter(exporter);
            // Unknown senders all share one id; the cap keeps a spoofing flood from growing the cache without end.
            if (_exporterIds.Count >= 100_000) return id;
        }
        _exporterIds[exporter] = id;
        return id;
    }

    // Site code → index into _siteCodes; both only grow, so an index in an open window survives an inventory change.
    private readonly Dictionary<string, int> _siteIndex = new(StringComparer.Ordinal);
    private readonly List<string> _siteCodes = [];

    private int SiteIndex(string code)
    {
        if (_siteIndex.TryGetValue(code, out int i)) return i;
        i = _siteCodes.Count;
        _siteCodes.Add(code);
        _siteIndex[code] = i;
        return i;
    }

    private readonly record struct Exporter(int SiteIndex, string Site, string Name);

    private readonly record struct SumKey(int ExporterId, FlowProtocol Protocol, FlowDirection Direction);

    private struct Sums
    {
        public ulong Flows, Packets, Bytes;
    }

    private sealed class Window
    {
        public readonly Dictionary<SumKey, Sums> Sums = [];
        public readonly Dictionary<int, SpaceSaving> Sketches = [];
        public readonly Dictionary<int, ScanSketch> ScanSketches = [];
        private readonly Stack<SpaceSaving> _spare = new();
        private readonly Stack<ScanSketch> _spareScans = new();

        public ScanSketch Scans(int siteIndex, int capacity)
        {
            ref var sketch = ref CollectionsMarshal.GetValueRefOrAddDefault(ScanSketches, siteIndex, out bool exists);
            if (!exists) sketch = _spareScans.Count > 0 ? _spareScans.Pop() : new ScanSketch(capacity);
            return sketch!;
        }

        public SpaceSaving Sketch(int siteIndex, int capacity)
        {
            ref var sketch = ref CollectionsMarshal.GetValueRefOrAddDefault(Sketches, siteIndex, out bool exists);
            if (!exists) sketch = _spare.Count > 0 ? _spare.Pop() : new SpaceSaving(capacity);
            return sketch!;
        }

        public void Reset()
        {
            Sums.Clear();
            foreach (var s in Sketches.Values)
            {
                s.Clear();
                _spare.Push(s);
            }
            Sketches.Clear();
            foreach (var s in ScanSketches.Values)
            {
                s.Clear();
                _spareScans.Push(s);
            }
            ScanSketches.Clear();
        }
    }
}
