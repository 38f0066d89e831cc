using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Collector.Aggregation;
using NetOps.Collector.Enrichment;
using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;

namespace NetOps.Collector.Syslog;

/// <summary>
/// The stages after the listeners: parse → normalise → enrich (site, device, line) → firewall counts or event
/// points → the durable point writer. A message that cannot be parsed is counted as malformed and sampled to the
/// log; a line no normaliser knows is stored as a generic event and counted as unknown.
/// </summary>
public sealed class SyslogProcessor : IHostedService
{
    private readonly SyslogOptions _options;
    private readonly SyslogQueue _queue;
    private readonly SyslogMetrics _metrics;
    private readonly SyslogNormalizer _normalizer;
    private readonly SiteResolver _resolver;
    private readonly FirewallCounter _firewall;
    private readonly IPointWriter _writer;
    private readonly TimeProvider _time;
    private readonly ILogger<SyslogProcessor> _logger;
    private readonly MalformedSampler _sampler;
    private readonly MalformedSampler _faultSampler;
    private readonly BackgroundLoop _workerLoop;
    private readonly BackgroundLoop _flushLoop;
    private readonly ConcurrentDictionary<IPAddress, byte> _unknownSenders = new();
    private readonly SyslogTimeZone? _zone;
    private readonly long _maxSkewNs;
    // Several collectors may count the same device in the same window; an offset below InfluxDB's precision of
    // interest keeps their points apart.
    private readonly long _instanceOffsetNs = Random.Shared.Next(0, 100);
    private readonly CancellationTokenSource _stopping = new();
    private Task[] _workers = [];
    private Task? _flusher;

    public SyslogProcessor(IOptions<SyslogOptions> options, SyslogQueue queue, SyslogMetrics metrics, SyslogNormalizer normalizer,
        SiteResolver resolver, FirewallCounter firewall, IPointWriter writer, TimeProvider time, ILogger<SyslogProcessor> logger,
        BackgroundLoops loops)
    {
        _options = options.Value;
        _queue = queue;
        _metrics = metrics;
        _normalizer = normalizer;
        _resolver = resolver;
        _firewall = firewall;
        _writer = writer;
        _time = time;
        _logger = logger;
        _sampler = new MalformedSampler(logger, time, TimeSpan.FromSeconds(10));
        // A normaliser bug hits every message of its kind: one sample (with its stack) per interval, as malformed input.
        _faultSampler = new MalformedSampler(logger, time, TimeSpan.FromSeconds(10));
        _workerLoop = loops.Register("syslog", "processor");
        _flushLoop = loops.Register("syslog", "window flush");
        _zone = _options.ParsedDefaultTimeZone;
        _maxSkewNs = _options.MaxClockSkewSeconds * 1_000_000_000L;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => _workerLoop.RunAsync(WorkAsync), CancellationToken.None)).ToArray();
        _flusher = Task.Run(() => _flushLoop.RunAsync(FlushLoopAsync), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WorkAsync()
    {
        while (await _queue.WaitToReadAsync(CancellationToken.None))
        {
            while (_queue.TryRead(out var message))
            {
                try
                {
                    var point = Process(message);
                    if (point is not null) await _writer.WriteAsync(point, CancellationToken.None);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug in a normaliser must cost one message, never the listener.
                    _metrics.Count(message.Transport, SyslogOutcome.Malformed);
                    if (_faultSampler.TryTake(out long suppressed))
                        _logger.ProcessingFailed(e, message.Source, suppressed, MalformedSampler.Excerpt(message.Span, 120));
                }
                finally
                {
                    message.Return();
                }
            }
            _metrics.QueueLength.Set(_queue.Count);
        }
    }

    /// <summary>Processes one message; returns the event point to write, or null (counted into a firewall window, or malformed).</summary>
    internal Point? Process(in RawSyslogMessage message)
    {
        var data = message.Span;
        var receivedAt = Point.FromNanoseconds(message.ReceivedAtNs);
        if (data.Length > _options.MaxMessageBytes)
        {
            Malformed(message, nameof(SyslogParseError.TooLong), data);
            return null;
        }
        // The parser's own limit is the configured one, so that what the options allow is what is parsed.
        var parserOptions = new SyslogParserOptions(_zone?.OffsetAt(receivedAt), _options.MaxMessageBytes);
        if (!SyslogParser.TryParse(data, receivedAt, parserOptions, out var header, out var error))
        {
            Malformed(message, error.ToString(), data);
            return null;
        }
        _metrics.Count(message.Transport, SyslogOutcome.Parsed);

        var hostname = Text(data, header.Hostname);
        var match = _resolver.Resolve(message.Source, hostname, null);
        // The device's charset decides; without one the bytes are UTF-8 or detected (Shift_JIS, EUC-JP, ISO-2022-JP).
        var charset = SyslogText.ForCharset(match?.Device.Charset);
        var record = new SyslogRecord
        {
            Hostname = hostname,
            AppName = Text(data, header.AppName),
            MsgId = Text(data, header.MsgId),
            StructuredData = Text(data, header.StructuredData, charset),
            Message = Text(data, header.Message, charset) ?? "",
            Severity = (Severity)header.Severity,
            VendorHint = match?.Device.Vendor,
        };

        var result = _normalizer.Normalize(record);
        var normalized = result.Message;
        if (!result.Recognised) _metrics.Count(message.Transport, SyslogOutcome.Unknown);
        // The other half of a firewall session already counted from its end (or deny) log.
        if (normalized.Redundant) return null;
        if (match is null && normalized.DeviceName is { } named) match = _resolver.Resolve(message.Source, null, named);

        string site, device;
        var line = LineRole.None;
        if (match is null)
        {
            site = Measurements.UnknownSite;
            device = "unknown"; // a sender's own hostname must not become a tag: cardinality is ours to bound
            _metrics.UnknownSources.Inc();
            if (_unknownSenders.Count < 10_000 && _unknownSenders.TryAdd(message.Source, 0))
                _logger.UnknownSender(message.Source, record.Hostname ?? "-");
        }
        else
        {
            site = match.Site.Code;
            device = match.Device.Name;
            line = SiteResolver.LineOf(match.Device, normalized.Interface);
        }

        if (normalized.Type == NormalizedType.Firewall)
        {
            _firewall.Add(site, device, normalized.Action);
            _metrics.CountFirewall(normalized.Action);
            return null;
        }

        long ts = message.ReceivedAtNs;
        if (header.Timestamp is { } own)
        {
            long ownNs = Point.ToNanoseconds(own);
            if (Math.Abs(ownNs - ts) <= _maxSkewNs) ts = ownNs;
        }
        var severity = normalized.Severity ?? record.Severity;
        var point = EventPoint.Create(ts, site, device, normalized.Kind, severity, line,
                normalized.Message.Length > 0 ? normalized.Message : record.Message, normalized.Detail)
            .Field("vendor", normalized.Vendor)
            .Field("source", message.Source.ToString());
        if (record.Hostname is { } host) point.Field("host", EventPoint.Clean(host));
        if (normalized.Interface is { } ifname) point.Field("interface", EventPoint.Clean(ifname));
        return point;
    }

    private void Malformed(in RawSyslogMessage message, string error, ReadOnlySpan<byte> data)
    {
        _metrics.Count(message.Transport, SyslogOutcome.Malformed);
        _sampler.Report(message.Source, error, data);
    }

    /// <summary>A header field (host, app, msgid): ASCII by the RFCs, read as UTF-8.</summary>
    private static string? Text(ReadOnlySpan<byte> data, Range range)
    {
        var (offset, length) = range.GetOffsetAndLength(data.Length);
        return length == 0 ? null : Encoding.UTF8.GetString(data.Slice(offset, length));
    }

    /// <summary>The message or structured data: in the device's charset, else detected.</summary>
    private static string? Text(ReadOnlySpan<byte> data, Range range, Encoding? charset)
    {
        var (offset, length) = range.GetOffsetAndLength(data.Length);
        return length == 0 ? null : SyslogText.Decode(data.Slice(offset, length), charset);
    }

    private async Task FlushLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.AggregationSeconds), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await FlushFirewallAsync(CancellationToken.None);
                    if (_queue.TakeDroppedSinceReport() is > 0 and var dropped) _logger.QueueFull(dropped, _options.AggregationSeconds);
                    _flushLoop.Succeeded();
                }
                catch (Exception e)
                {
                    // One bad window must not end the flushes: the windows after it would pile up in memory unwritten.
                    _flushLoop.Failed(e);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task FlushFirewallAsync(CancellationToken cancellationToken)
    {
        long now = Point.ToNanoseconds(_time.GetUtcNow()) + _instanceOffsetNs;
        List<Point> points = _firewall.Drain(now);
        Exception? first = null;
        foreach (var p in points)
        {
            // Every point of the window gets its chance; the first failure is reported once the rest are written.
            try { await _writer.WriteAsync(p, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _metrics.FirewallPointsDropped.Inc();
                first ??= e;
            }
        }
        if (first is not null) throw new InvalidOperationException($"a firewall point of the window could not be written: {first.Message}", first);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Listeners have stopped (they were started after us); finish what they queued, then the last window.
        _queue.Complete();
        await Task.WhenAll(_workers).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _flushLoop.Stopping();
        _workerLoop.Stopping();
        await _stopping.CancelAsync();
        if (_flusher is not null) await _flusher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await FlushFirewallAsync(cancellationToken);
        await _writer.FlushAsync(cancellationToken);
    }
}
