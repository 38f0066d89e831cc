using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Collector.Flows.Decoding;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;

namespace NetOps.Collector.Flows;

/// <summary>
/// The stages after the listeners: one reader owns the <see cref="FlowDecoder"/> (templates and sequence state are
/// per exporter, so one owner needs no lock) and hands decoded flows to the <see cref="FlowAggregator"/>; a timer
/// drains finished windows into the durable point writer.
/// </summary>
public sealed class FlowProcessor : IHostedService
{
    // A datagram received just before a window's end may still be in the queue when the window closes; it would
    // count in the next window, which is harmless, but waiting a little keeps windows as received.
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    private readonly FlowOptions _options;
    private readonly FlowQueue _queue;
    private readonly FlowDecoder _decoder;
    private readonly FlowAggregator _aggregator;
    private readonly FlowPipelineMetrics _metrics;
    private readonly IPointWriter _writer;
    private readonly TimeProvider _time;
    private readonly ILogger<FlowProcessor> _logger;
    private readonly ReceiveTimeSink _sink;
    // The decoder is not thread-safe: the reader decodes, the timer expires held sets. Uncontended nearly always.
    private readonly Lock _decoderGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly BackgroundLoop _readerLoop;
    private readonly BackgroundLoop _flushLoop;
    private Task? _reader;
    private Task? _flusher;

    public FlowProcessor(IOptions<FlowOptions> options, FlowQueue queue, FlowDecoder decoder, FlowAggregator aggregator,
        FlowPipelineMetrics metrics, IPointWriter writer, TimeProvider time, ILogger<FlowProcessor> logger, BackgroundLoops loops)
    {
        _options = options.Value;
        _queue = queue;
        _decoder = decoder;
        _aggregator = aggregator;
        _metrics = metrics;
        _writer = writer;
        _time = time;
        _logger = logger;
        _sink = new ReceiveTimeSink(aggregator);
        _readerLoop = loops.Register("flows", "decoder");
        _flushLoop = loops.Register("flows", "window flush");
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _reader = Task.Run(() => _readerLoop.RunAsync(ReadAsync), CancellationToken.None);
        _flusher = Task.Run(() => _flushLoop.RunAsync(FlushLoopAsync), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ReadAsync()
    {
        while (await _queue.WaitToReadAsync(CancellationToken.None))
        {
            while (_queue.TryRead(out var datagram))
            {
                try
                {
                    Process(datagram);
                }
                finally
                {
                    datagram.Return();
                }
            }
            _metrics.QueueLength.Set(_queue.Count);
        }
    }

    /// <summary>Decodes one datagram into the aggregator; a decoder bug costs this datagram, never the pipeline.</summary>
    internal void Process(in FlowDatagram datagram)
    {
        try
        {
            lock (_decoderGate)
            {
                _sink.ReceivedAtNs = datagram.ReceivedAtNs;
                _decoder.Decode(datagram.Span, datagram.Exporter, datagram.SourcePort, datagram.ReceivedAtNs, _sink);
            }
        }
        catch (Exception e)
        {
            _metrics.ProcessingErrors.Inc();
            _logger.ProcessingFailed(e, datagram.Exporter);
        }
    }

    private async Task FlushLoopAsync()
    {
        var period = TimeSpan.FromSeconds(Math.Min(1, _options.AggregationSeconds));
        using var timer = new PeriodicTimer(period, _time);
        long lastReport = _time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    // Held data sets of an exporter that went quiet are counted when they expire, not when it speaks again.
                    lock (_decoderGate) _decoder.ExpireHeld(Point.ToNanoseconds(_time.GetUtcNow()));
                    await WriteAsync(_aggregator.Drain(Point.ToNanoseconds(_time.GetUtcNow() - Grace)), CancellationToken.None);
                    if (_time.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(_options.AggregationSeconds))
                    {
                        lastReport = _time.GetTimestamp();
                        if (_queue.TakeDroppedSinceReport() is > 0 and var dropped) _logger.QueueFull(dropped, _options.AggregationSeconds);
                    }
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

    private async Task WriteAsync(List<Point> points, CancellationToken cancellationToken)
    {
        Exception? first = null;
        foreach (var p in points)
        {
            // Every point of the window gets its chance; the first failure is reported once the rest are written.
            try { await _writer.WriteAsync(p, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _metrics.PointsDropped.Inc();
                first ??= e;
            }
        }
        if (first is not null) throw new InvalidOperationException($"a flow point of the window could not be written: {first.Message}", first);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Listeners have stopped (they were started after us); decode what they queued, then write every window.
        _queue.Complete();
        if (_reader is not null) await _reader.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _readerLoop.Stopping();
        _flushLoop.Stopping();
        await _stopping.CancelAsync();
        if (_flusher is not null) await _flusher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await WriteAsync(_aggregator.DrainAll(), cancellationToken);
        await _writer.FlushAsync(cancellationToken);
    }

    /// <summary>Passes the datagram's receive time to the aggregator, which windows by it.</summary>
    private sealed class ReceiveTimeSink(FlowAggregator aggregator) : IFlowSink
    {
        public long ReceivedAtNs;

        public void OnFlows(IPAddress exporter, FlowExportKind kind, uint observationDomain, long exportTimeNs, ReadOnlySpan<FlowRecord> flows) =>
            aggregator.Add(ReceivedAtNs, exporter, flows);
    }
}
