using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Sites;

namespace NetOps.Analyzer.Failover;

/// <summary>
/// The failover state machine fed in memory: when the collector runs in this process, the event and flow points it
/// writes reach the machine through the <see cref="PointTap"/> at once, and a failover is detected within a second of
/// its first evidence. The machine's state is checkpointed to the state DB every few seconds, so a restart carries
/// on in the same phase.
/// </summary>
public sealed partial class FailoverLiveService(
    PointTap tap, IInventorySource inventory, IDetectionSink sink, SiteStateStore states, WindowWatermarks watermarks,
    IOptionsMonitor<FailoverOptions> options, AnalyzerMetrics metrics, BackgroundLoops loops, TimeProvider time,
    ILogger<FailoverLiveService> logger) : BackgroundService
{
    public const string CheckpointName = "analyzer/failover-live";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(5);

    private readonly BackgroundLoop _loop = loops.Register("analyzer", "failover");
    // Listening from construction: the host builds every hosted service before it starts the collector's listeners,
    // so no point of the first seconds is missed.
    private readonly ChannelReader<Point> _reader = tap.Listen(Measurements.Event, Measurements.Flow, Measurements.Interface);

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.Stopping();
        return base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(() => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var reader = _reader;
        var tracker = await LoadAsync(stoppingToken);
        var output = new FailoverOutput();
        var lastCheckpoint = time.GetUtcNow();
        bool dirty = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    wait.CancelAfter(TimeSpan.FromSeconds(1));
                    try { await reader.WaitToReadAsync(wait.Token); }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
                }
                var o = options.CurrentValue;
                var inv = inventory.Current;
                int n = 0;
                while (n < 10_000 && reader.TryRead(out var point))
                {
                    n++;
                    if (FailoverSignals.FromPoint(point, inv) is { } signal) tracker.Process(signal, o, output);
                }
                metrics.LiveSignals.Inc(n);
                var now = time.GetUtcNow();
                tracker.Tick(now, o, output);
                dirty |= n > 0 || !output.IsEmpty;
                if (!output.IsEmpty)
                {
                    await sink.PublishAsync(output.Detections.ToList(), stoppingToken);
                    if (output.States.Count > 0) await states.SetAsync(output.States.ToList(), stoppingToken);
                    output.Clear();
                }
                if (dirty && now - lastCheckpoint >= CheckpointEvery)
                {
                    await watermarks.SaveStateAsync(CheckpointName, JsonSerializer.Serialize(tracker, Json), stoppingToken);
                    lastCheckpoint = now;
                    dirty = false;
                }
                _loop.Succeeded();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The state DB is away: keep the findings for the next pass rather than lose them.
                _loop.Failed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
        try { await watermarks.SaveStateAsync(CheckpointName, JsonSerializer.Serialize(tracker, Json), CancellationToken.None); }
        catch (Exception e) { CheckpointFailed(logger, e); }
    }

    private async Task<FailoverTracker> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var mark = await watermarks.GetAsync(CheckpointName, cancellationToken);
            return mark?.StateJson is { } json ? JsonSerializer.Deserialize<FailoverTracker>(json, Json) ?? new() : new();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            CheckpointUnreadable(logger, e);
            return new();
        }
    }

    [LoggerMessage(1511, LogLevel.Warning, "The failover checkpoint could not be saved at stop")]
    private static partial void CheckpointFailed(ILogger logger, Exception e);

    [LoggerMessage(1512, LogLevel.Warning, "The failover checkpoint is unreadable; starting from no state")]
    private static partial void CheckpointUnreadable(ILogger logger, Exception e);
}
