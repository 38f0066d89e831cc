using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NetOps.Collector.Flows.Decoding;

/// <summary>
/// Decodes NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) export datagrams into <see cref="FlowRecord"/>s.
/// One instance per listener: it keeps per-exporter state (templates, held data sets, sequence numbers) and a
/// reusable record buffer, and is <b>not thread-safe</b>; call <see cref="Decode"/> and <see cref="ExpireHeld(long)"/>
/// from one thread (or under one lock). It never throws on input: every datagram ends as a
/// <see cref="FlowDecodeResult"/> and is counted in <see cref="FlowMetrics"/>.
/// </summary>
/// <remarks>
/// Time: <c>receivedAtNs</c> (ns since the Unix epoch, taken by the listener from the same <see cref="TimeProvider"/>)
/// is the decoder's clock for template and hold expiry, so a replayed capture behaves as it did live. Expiry also runs
/// from <see cref="ExpireHeld()"/>, which the pipeline should call about once a second so that held sets of a silent
/// exporter are still counted when they expire.
/// </remarks>
public sealed partial class FlowDecoder
{
    private const long SweepIntervalNs = 1_000_000_000;

    private readonly FlowDecoderOptions _options;
    private readonly FlowMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _templateTimeoutNs, _holdTimeoutNs, _lossLogIntervalNs;

    private readonly FlowRecord[] _batch;
    private readonly FieldSpec[] _specs = new FieldSpec[FlowTemplate.MaxFields];
    private readonly Dictionary<DomainKey, ExporterDomain> _domains = new();
    private readonly Dictionary<FlowAddress, int> _templatesPerExporter = new();
    private int _templateCount, _heldSetCount;
    private long _heldByteCount;
    // null until the first sweep: a long.MinValue sentinel made "now − last" overflow, so the sweep never started by itself
    private long? _lastSweepNs;
    private int _unknownDomains;

    // the datagram being decoded (valid only inside Decode)
    private IFlowSink? _sink;
    private IPAddress _exporter = IPAddress.None;
    private ushort _sourcePort;
    private ExporterDomain? _domain;
    private FlowExportKind _kind;
    private long _nowNs, _batchExportNs;
    private int _count, _emitted, _held, _skipped;

    public FlowDecoder(FlowDecoderOptions options, FlowMetrics metrics, TimeProvider timeProvider, ILogger<FlowDecoder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _metrics = metrics;
        _time = timeProvider;
        _logger = logger ?? NullLogger<FlowDecoder>.Instance;
        _templateTimeoutNs = options.TemplateTimeout.Ticks * 100;
        _holdTimeoutNs = options.HoldTimeout.Ticks * 100;
        _lossLogIntervalNs = options.LossLogInterval.Ticks * 100;
        _batch = new FlowRecord[options.BatchSize];
    }

    /// <summary>Templates cached (all exporters).</summary>
    public int TemplateCount => _templateCount;

    /// <summary>Data sets waiting for their template (all exporters).</summary>
    public int HeldSetCount => _heldSetCount;

    /// <summary>Exporter sessions (address and source port) and domains tracked.</summary>
    public int ExporterCount => _domains.Count;

    /// <summary>Exporter/domain pairs tracked for senders that <see cref="IsKnownExporter"/> does not know.</summary>
    public int UnknownExporterCount => _unknownDomains;

    /// <summary>
    /// Whether an address is a known exporter (the inventory's devices); others share the small
    /// <see cref="FlowDecoderOptions.MaxUnknownExporters"/> budget, so a spoofed flood cannot fill the exporter table
    /// and lock real exporters out. Null (the default): every sender is known.
    /// </summary>
    public Func<IPAddress, bool>? IsKnownExporter { get; set; }

    /// <summary>
    /// Decodes one export datagram and hands its flows to <paramref name="sink"/> (per batch of up to
    /// <see cref="FlowDecoderOptions.BatchSize"/> records, and at the end of the datagram). Held sets released by a
    /// template in this datagram are handed over with their own export time.
    /// </summary>
    /// <param name="datagram">The UDP payload.</param>
    /// <param name="exporter">The datagram's source address.</param>
    /// <param name="receivedAtNs">When it was received, ns since the Unix epoch; the clock for expiry.</param>
    /// <param name="sink">Receives the flows; must not keep the span.</param>
    public FlowDecodeResult Decode(ReadOnlySpan<byte> datagram, IPAddress exporter, long receivedAtNs, IFlowSink sink) =>
        Decode(datagram, exporter, 0, receivedAtNs, sink);

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte}, IPAddress, long, IFlowSink)"/>, for one UDP transport session: templates,
    /// held sets, sequence numbers and sampling belong to the exporter's address <i>and</i> source port (RFC 7011 §8,
    /// RFC 3954 §5.1), so an exporter restarted on a new port starts with no templates, and two exporting processes
    /// behind one address keep their own.
    /// </summary>
    /// <param name="sourcePort">The datagram's source port; 0 when the transport is not known (all such datagrams share one session per address).</param>
    public FlowDecodeResult Decode(ReadOnlySpan<byte> datagram, IPAddress exporter, ushort sourcePort, long receivedAtNs, IFlowSink sink)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(sink);
        if (_lastSweepNs is not { } last || receivedAtNs - last >= SweepIntervalNs || receivedAtNs < last) ExpireHeld(receivedAtNs);

        ushort version = datagram.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(datagram) : (ushort)0;
        FlowExportKind? kind = version switch { 5 => FlowExportKind.NetFlowV5, 9 => FlowExportKind.NetFlowV9, 10 => FlowExportKind.Ipfix, _ => null };
        _metrics.Packet(kind, FlowPacketOutcome.Received);
        if (kind is null)
        {
            var unknown = datagram.Length < 2 ? FlowDecodeError.Truncated : FlowDecodeError.UnknownVersion;
            _metrics.Packet(null, unknown == FlowDecodeError.Truncated ? FlowPacketOutcome.Malformed : FlowPacketOutcome.UnknownVersion);
            return new FlowDecodeResult(unknown, version, 0, 0, 0);
        }

        _sink = sink;
        _exporter = exporter;
        _sourcePort = sourcePort;
        _kind = kind.Value;
        _nowNs = receivedAtNs;
        _count = _emitted = _held = _skipped = 0;
        FlowDecodeError error;
        try
        {
            error = _kind switch
            {
                FlowExportKind.NetFlowV5 => DecodeV5(datagram),
                FlowExportKind.NetFlowV9 => DecodeV9(datagram),
                _ => DecodeIpfix(datagram),
            };
            Flush();
        }
        finally
        {
            // a throwing sink must not leave records or references behind for the next datagram
            _count = 0;
            _sink = null;
            _domain = null;
            _exporter = IPAddress.None;
        }

        _metrics.Packet(kind, error switch
        {
            FlowDecodeError.None => FlowPacketOutcome.Decoded,
            FlowDecodeError.TooManyTemplates or FlowDecodeError.TooManyExporters => FlowPacketOutcome.Rejected,
            _ => FlowPacketOutcome.Malformed,
        });
        return new FlowDecodeResult(error, version, _emitted, _held, _skipped);
    }

    /// <summary>Expiry at the <see cref="TimeProvider"/>'s current time; see <see cref="ExpireHeld(long)"/>.</summary>
    public int ExpireHeld() => ExpireHeld(NowNs());

    /// <summary>
    /// Drops held data sets older than <see cref="FlowDecoderOptions.HoldTimeout"/> (counted as <c>no_template</c>),
    /// forgets templates not re-sent within <see cref="FlowDecoderOptions.TemplateTimeout"/>, and forgets idle exporters.
    /// Runs by itself at most once a second from <see cref="Decode"/>. Returns the number of held sets dropped.
    /// </summary>
    public int ExpireHeld(long nowNs)
    {
        _lastSweepNs = nowNs;
        int dropped = 0;
        foreach (var (key, d) in _domains)
        {
            dropped += ExpireHeldSets(d, nowNs);
            foreach (var (id, t) in d.Templates)
                if (nowNs - t.LastSeenNs > _templateTimeoutNs) RemoveTemplate(d, id, "expired");
            if (d.Templates.Count == 0 && d.Held.Count == 0 && nowNs - d.LastSeenNs > _templateTimeoutNs)
            {
                _domains.Remove(key); // Dictionary allows Remove while enumerating
                if (d.Unknown) _unknownDomains--;
            }
            else ReportLoss(d, nowNs);
        }
        return dropped;
    }

    private long NowNs() => (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>The exporter/domain's state, created on first sight; null when the exporter cap is reached.</summary>
    private ExporterDomain? Domain(uint domainId)
    {
        var key = new DomainKey(FlowAddress.From(_exporter), _sourcePort, _kind, domainId);
        if (!_domains.TryGetValue(key, out var d))
        {
            bool unknown = IsKnownExporter is { } known && !known(_exporter);
            if (unknown ? _unknownDomains >= _options.MaxUnknownExporters : _domains.Count - _unknownDomains >= _options.MaxExporters)
            {
                ExpireHeld(_nowNs);
                if (unknown ? _unknownDomains >= _options.MaxUnknownExporters : _domains.Count - _unknownDomains >= _options.MaxExporters)
                {
                    _logger.ExporterCap(_exporter, domainId, _domains.Count);
                    return null;
                }
            }
            d = new ExporterDomain(key, _exporter) { Unknown = unknown };
            _domains.Add(key, d);
            if (unknown) _unknownDomains++;
        }
        d.LastSeenNs = _nowNs;
        _domain = d;
        return d;
    }

    /// <summary>Applies a sequence number to the domain's tracker and counts and reports what it says.</summary>
    /// <param name="restarted">The header's uptime says the exporter rebooted: start over whatever the number is.</param>
    private void Sequence(ExporterDomain d, uint sequence, uint advance, bool restarted)
    {
        if (restarted) d.Sequence.Forget();
        var verdict = d.Sequence.Observe(sequence, advance, _options.SequenceReorderWindow, _options.SequenceMaxGap, out long lost);
        if (restarted) verdict = SequenceVerdict.Reset;
        _metrics.Sequence(_kind, verdict);
        if (verdict == SequenceVerdict.Reset) _logger.SequenceReset(FormatName(_kind), _exporter, d.Key.Domain);
        if (lost <= 0) return;
        if (_kind == FlowExportKind.NetFlowV9) _metrics.LostPackets(_kind, lost);
        else _metrics.LostRecords(_kind, lost);
        d.PendingLost += lost;
        ReportLoss(d, _nowNs);
    }

    /// <summary>Losses are logged at most once per interval per exporter/domain, with the sum since the last line.</summary>
    private void ReportLoss(ExporterDomain d, long nowNs)
    {
        if (d.PendingLost == 0 || nowNs - d.LastLossLogNs < _lossLogIntervalNs) return;
        long seconds = d.LastLossLogNs == long.MinValue / 2 ? 0 : (nowNs - d.LastLossLogNs) / 1_000_000_000;
        _logger.Lost(FormatName(d.Key.Kind), d.Exporter, d.Key.Domain, d.PendingLost,
            d.Key.Kind == FlowExportKind.NetFlowV9 ? "export packets" : "flow records", seconds);
        d.PendingLost = 0;
        d.LastLossLogNs = nowNs;
    }

    /// <summary>v5/v9 headers carry the exporter's uptime: a large step back means it rebooted. Returns true then.</summary>
    private static bool Restarted(ExporterDomain d, uint uptimeMs)
    {
        bool restarted = d.HasUptime && d.Sequence.IsKnown && uptimeMs < d.LastUptimeMs && d.LastUptimeMs - uptimeMs > 60_000;
        // a late datagram (a little older uptime) must not move the reference back
        if (!d.HasUptime || restarted || (int)(uptimeMs - d.LastUptimeMs) >= 0) d.LastUptimeMs = uptimeMs;
        d.HasUptime = true;
        return restarted;
    }

    private ref FlowRecord Next(long exportNs)
    {
        if (_count == _batch.Length || (_count > 0 && exportNs != _batchExportNs)) Flush();
        _batchExportNs = exportNs;
        ref var r = ref _batch[_count++];
        r = default;
        r.Direction = FlowRecord.DirectionUnknown;
        return ref r;
    }

    private void Flush()
    {
        if (_count == 0 || _sink is null || _domain is null) return;
        int n = _count;
        _count = 0;
        _emitted += n;
        _metrics.Records(_kind, n);
        _sink.OnFlows(_exporter, _kind, _domain.Key.Domain, _batchExportNs, _batch.AsSpan(0, n));
    }

    private static string FormatName(FlowExportKind kind) => kind switch
    {
        FlowExportKind.NetFlowV5 => "NetFlow v5",
        FlowExportKind.NetFlowV9 => "NetFlow v9",
        _ => "IPFIX",
    };
}
