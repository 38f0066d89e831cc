using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Collector.Enrichment;
using NetOps.Core.Influx;

namespace NetOps.Collector.Capture;

/// <summary>
/// Reads a pcap or pcapng file through the same pipeline as live capture, writes every point and waits until the
/// writer has them (on disk or in InfluxDB; the caller waits for InfluxDB itself when it needs to).
/// </summary>
public sealed class CaptureReplayer(IOptions<CaptureOptions> options, SiteResolver resolver, CaptureMetrics metrics, IPointWriter writer,
    TimeProvider time, ILogger<CaptureReplayer> logger)
{
    /// <summary>At the recorded pace, a longer gap between packets (a capture spanning years) is shortened to this.</summary>
    public static readonly TimeSpan MaxPacedGap = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> (naming the file) when it cannot be read at all.</summary>
    public async Task<ReplaySummary> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(request.File)) throw new FileNotFoundException($"{request.File}: no such file", request.File);
        var o = options.Value;
        var pipeline = new CapturePipeline(o.Site, o.SensorName, o.AggregationSeconds, resolver, metrics, logger, o.Scans);
        logger.Replaying(request.File, request.Pace.ToString().ToLowerInvariant(), pipeline.Sensor, pipeline.Site);
        var started = Stopwatch.GetTimestamp();
        long eventPoints = 0;
        using (var reader = await CaptureFileReader.OpenAsync(request.File, cancellationToken).ConfigureAwait(false))
        {
            long firstNs = 0, shiftNs = 0, lastNs = 0;
            long paceStart = time.GetTimestamp();
            bool first = true;
            while (await reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                long ts = reader.TimestampNs;
                if (request.Pace == ReplayPace.Recorded)
                {
                    if (first) { firstNs = ts; lastNs = ts; first = false; }
                    long gap = ts - lastNs;
                    if (gap > MaxPacedGap.Ticks * 100) shiftNs += gap - MaxPacedGap.Ticks * 100;
                    lastNs = Math.Max(lastNs, ts);
                    var due = TimeSpan.FromTicks((ts - firstNs - shiftNs) / 100) - time.GetElapsedTime(paceStart);
                    if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
                }
                pipeline.Process(ts, reader.LinkType, reader.Data, reader.OriginalLength);
                if (pipeline.Pending.Count > 0) eventPoints += await WritePendingAsync(pipeline, cancellationToken).ConfigureAwait(false);
                if ((reader.Records & 0xFFFF) == 0) pipeline.PublishMetrics();
            }
            pipeline.Finish();
            eventPoints += await WritePendingAsync(pipeline, cancellationToken).ConfigureAwait(false);
            if (reader.Damage is { } damage) logger.FileDamaged(request.File, reader.Records, damage);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new ReplaySummary(request.File, pipeline.Site, pipeline.Sensor, pipeline.Counts, pipeline.PacketPoints, eventPoints,
                reader.Damage, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Writes the pending points; returns how many were events.</summary>
    private async ValueTask<long> WritePendingAsync(CapturePipeline pipeline, CancellationToken cancellationToken)
    {
        long events = 0;
        foreach (var point in pipeline.Pending)
        {
            if (point.Measurement == Core.Events.Measurements.Event) events++;
            await writer.WriteAsync(point, cancellationToken).ConfigureAwait(false);
        }
        pipeline.Pending.Clear();
        return events;
    }
}
