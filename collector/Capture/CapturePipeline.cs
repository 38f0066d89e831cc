using System.Net;
using Microsoft.Extensions.Logging;
using NetOps.Collector.Enrichment;
using NetOps.Collector.Scans;
using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Collector.Capture;

/// <summary>
/// One capture source's stages, run synchronously per packet: dissect → count (outcome, bytes) → aggregate into
/// <c>packets</c> windows → control-plane trackers (VRRP, HSRP, OSPF, BGP) → attributed <c>event</c> points. Points
/// collect in <see cref="Pending"/>; the caller hands them to the writer. The per-packet path allocates nothing
/// unless a window closes or a control-plane packet arrives. Not thread-safe: one source owns it.
/// </summary>
public sealed class CapturePipeline
{
    /// <summary>Silence and dead-interval checks run at most this often in packet time.</summary>
    private const long CheckEveryNs = 1_000_000_000L;

    /// <summary>BGP messages read per TCP segment.</summary>
    private const int MaxBgpMessagesPerSegment = 32;

    private readonly SiteResolver _resolver;
    private readonly CaptureMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _site;
    private readonly string _sensor;
    private readonly PacketAggregator _aggregator;
    private readonly ScanAggregator? _scans;
    private long _publishedEvicted;
    private readonly VrrpTracker _vrrp = new();
    private readonly HsrpTracker _hsrp = new();
    private readonly OspfTracker _ospf = new();
    private readonly BgpTracker _bgp = new();
    private readonly List<CaptureEvent> _events = [];
    private readonly long[] _published = new long[PacketOutcomes.Tags.Length];
    private long _publishedBytes;
    private long _nextCheckNs = long.MinValue;

    /// <param name="site">The sensor's site code, or null (events nobody owns then go to site <c>unknown</c>).</param>
    /// <param name="scans">Per-source <c>scan_top</c> features; off by default.</param>
    public CapturePipeline(string? site, string sensor, int aggregationSeconds, SiteResolver resolver, CaptureMetrics metrics, ILogger logger,
        ScanLimits scans = default)
    {
        _site = string.IsNullOrWhiteSpace(site) ? Measurements.UnknownSite : site.Trim();
        _sensor = sensor;
        _resolver = resolver;
        _metrics = metrics;
        _logger = logger;
        _aggregator = new PacketAggregator(_site, sensor, aggregationSeconds);
        if (scans.Enabled) _scans = new ScanAggregator(_site, sensor, aggregationSeconds, scans);
    }

    /// <summary>Points ready for the writer; the caller clears it after writing.</summary>
    public List<Point> Pending { get; } = [];

    public CaptureCounts Counts { get; } = new();

    /// <summary><c>packets</c> points emitted so far.</summary>
    public long PacketPoints => _aggregator.PointsEmitted;

    /// <summary><c>scan_top</c> points emitted so far.</summary>
    public long ScanPoints => _scans?.PointsEmitted ?? 0;

    public string Site => _site;
    public string Sensor => _sensor;

    public void Process(long timestampNs, int linkType, ReadOnlySpan<byte> frame, int originalLength)
    {
        var counts = Counts;
        counts.Packets++;
        // The recorded wire length, as tcpdump reports it; a writer that left it 0 gets the captured length.
        int wire = originalLength > 0 ? originalLength : frame.Length;
        counts.Bytes += wire;
        if (timestampNs < counts.FirstTimestampNs) counts.FirstTimestampNs = timestampNs;
        if (timestampNs > counts.LastTimestampNs) counts.LastTimestampNs = timestampNs;
        PacketOutcome outcome;
        try
        {
            outcome = PacketDissector.Dissect(frame, linkType, out var info);
            _aggregator.Add(timestampNs, info.Proto, wire, info.TcpFlags, Pending);
            if (outcome == PacketOutcome.Dissected) _scans?.Add(timestampNs, frame, info, Pending);
            if (outcome == PacketOutcome.Dissected && !info.Fragment
                && (info.Proto is PacketProto.Vrrp or PacketProto.Ospf or PacketProto.Tcp
                    || info.Proto == PacketProto.Udp && info.DestinationPort is HsrpParser.Port or HsrpParser.Ipv6Port))
                ControlPlane(timestampNs, frame, info);
        }
        catch (Exception e)
        {
            // A bug in a tracker must cost one packet, never the capture.
            outcome = PacketOutcome.Malformed;
            _logger.ProcessingFailed(e);
        }
        counts.ByOutcome[(int)outcome]++;
        if (timestampNs >= _nextCheckNs)
        {
            _nextCheckNs = timestampNs + CheckEveryNs;
            CheckTimers(timestampNs);
        }
    }

    private void ControlPlane(long ts, ReadOnlySpan<byte> frame, in PacketInfo info)
    {
        var payload = frame.Slice(info.PayloadOffset, info.PayloadLength);
        switch (info.Proto)
        {
            case PacketProto.Vrrp:
                if (VrrpParser.TryParse(payload, info.AddressLength, out var advert))
                    _vrrp.OnAdvert(ts, info.Vlan, Address(frame, info.SourceOffset, info.AddressLength), Address(frame, info.DestinationOffset, info.AddressLength), advert, _events);
                break;
            case PacketProto.Udp when HsrpParser.IsHsrpDestination(frame.Slice(info.DestinationOffset, info.AddressLength), info.DestinationPort):
                if (HsrpParser.TryParse(payload, out var hsrp, out _))
                    _hsrp.OnMessage(ts, info.Vlan, Address(frame, info.SourceOffset, info.AddressLength), hsrp, _events);
                break;
            case PacketProto.Ospf:
                if (OspfParser.TryParseHello(payload, out var hello, out var type) && type == OspfParser.HelloType)
                    _ospf.OnHello(ts, info.Vlan, Address(frame, info.SourceOffset, info.AddressLength), hello, _events);
                break;
            case PacketProto.Tcp when (info.SourcePort == 179 || info.DestinationPort == 179) && payload.Length >= BgpParser.HeaderLength:
                IPAddress? source = null, destination = null;
                for (int i = 0; i < MaxBgpMessagesPerSegment && BgpParser.TryParse(payload, out var message, out int consumed); i++)
                {
                    if (message.Type is BgpMessage.Open or BgpMessage.Notification)
                    {
                        source ??= Address(frame, info.SourceOffset, info.AddressLength);
                        destination ??= Address(frame, info.DestinationOffset, info.AddressLength);
                        _bgp.OnMessage(ts, source, destination, message, _events);
                    }
                    payload = payload[consumed..];
                }
                break;
        }
        if (_events.Count > 0) EmitEvents();
    }

    private static IPAddress Address(ReadOnlySpan<byte> frame, int offset, int length) => new(frame.Slice(offset, length));

    private void CheckTimers(long nowNs)
    {
        _vrrp.CheckSilence(nowNs, _events);
        _hsrp.CheckSilence(nowNs, _events);
        _ospf.CheckDead(nowNs, _events);
        if (_events.Count > 0) EmitEvents();
    }

    /// <summary>Live capture with no traffic: close ended windows and run the silence checks at <paramref name="nowNs"/>.</summary>
    public void Advance(long nowNs)
    {
        _aggregator.FlushEnded(nowNs, Pending);
        _scans?.FlushEnded(nowNs, Pending);
        CheckTimers(nowNs);
    }

    /// <summary>
    /// End of a replay: the silence checks run at the last packet's time (a master or neighbour still within its
    /// interval is not reported), and the open window is emitted.
    /// </summary>
    public void Finish()
    {
        if (Counts.LastTimestampNs != long.MinValue) CheckTimers(Counts.LastTimestampNs);
        _aggregator.Flush(Pending);
        _scans?.Flush(Pending);
        PublishMetrics();
    }

    /// <summary>Adds what was counted since the last call to the process's metrics.</summary>
    public void PublishMetrics()
    {
        for (int i = 0; i < _published.Length; i++)
        {
            _metrics.Count((PacketOutcome)i, Counts.ByOutcome[i] - _published[i]);
            _published[i] = Counts.ByOutcome[i];
        }
        if (Counts.Bytes > _publishedBytes) _metrics.Bytes.Inc(Counts.Bytes - _publishedBytes);
        _publishedBytes = Counts.Bytes;
        if (_scans is not null && _scans.Evicted > _publishedEvicted)
        {
            _metrics.ScanSourcesEvicted.Inc(_scans.Evicted - _publishedEvicted);
            _publishedEvicted = _scans.Evicted;
        }
    }

    private void EmitEvents()
    {
        // Silence checks report in their own time order only per tracker; keep the written order by time.
        if (_events.Count > 1) _events.Sort(static (a, b) => a.TimestampNs.CompareTo(b.TimestampNs));
        foreach (var e in _events)
        {
            var match = (e.Address is { } a ? _resolver.Inventory.FindByAddress(a) : null)
                        ?? (e.Peer is { } p ? _resolver.Inventory.FindByAddress(p) : null);
            string site, device;
            var line = LineRole.None;
            if (match is null)
            {
                site = _site;
                device = _sensor;
                _metrics.UnattributedEvents.Inc();
            }
            else
            {
                site = match.Site.Code;
                device = match.Device.Name;
                line = SiteResolver.LineOf(match.Device, null);
            }
            var point = EventPoint.Create(e.TimestampNs, site, device, e.Kind, e.Severity, line, e.Message, e.Detail)
                .Field("sensor", _sensor)
                .Field("source", "capture");
            if (e.Address is { } address) point.Field("address", address.ToString());
            Pending.Add(point);
            Counts.Events++;
            var kind = e.Kind.ToTag();
            Counts.EventsByKind[kind] = Counts.EventsByKind.GetValueOrDefault(kind) + 1;
            _metrics.Event(e.Kind);
            _logger.ControlPlaneEvent(kind, site, device, e.Message);
        }
        _events.Clear();
    }
}
