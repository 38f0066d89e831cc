using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NetOps.Analyzer.Failover;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Inventory;

namespace NetOps.Bench.Analyzer;

/// <summary>
/// The in-process failover path, timed: <c>link_down</c> event points on primaries (stamped now) offered to the
/// <see cref="PointTap"/> as the collector's writer does after each write, read by the real
/// <see cref="FailoverLiveService"/>, stored by the real <see cref="DetectionStore"/> in SQLite; the latency of each is
/// from its offer to the store's <see cref="DetectionStore.Published"/> of its <c>failover_started</c>.
/// </summary>
public static class FailoverLatencyProbe
{
    public static async Task<LatencyResult> RunAsync(IServiceProvider services, IReadOnlyList<Site> sites, int count, double perSecond,
        string? warmedStateJson, CancellationToken cancellationToken)
    {
        // The machine carries on from the window detector's warmed state, as after a restart from its checkpoint.
        if (warmedStateJson is not null)
            await services.GetRequiredService<WindowWatermarks>().SaveStateAsync(FailoverLiveService.CheckpointName, warmedStateJson, cancellationToken);
        var store = services.GetRequiredService<DetectionStore>();
        var tap = services.GetRequiredService<PointTap>();
        var live = services.GetRequiredService<FailoverLiveService>(); // listens to the tap from here
        var offered = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int seen = 0;
        void OnPublished(Detection d)
        {
            long now = Stopwatch.GetTimestamp();
            if (d.Kind != DetectionKind.FailoverStarted || !offered.TryRemove(d.Site, out var at)) return;
            latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            if (Interlocked.Increment(ref seen) == count) all.TrySetResult();
        }
        store.Published += OnPublished;
        await live.StartAsync(cancellationToken);
        var elapsed = Stopwatch.StartNew();
        try
        {
            var interval = TimeSpan.FromSeconds(1 / perSecond);
            for (int i = 0; i < count; i++)
            {
                var due = interval * i;
                if (due - elapsed.Elapsed is { TotalMilliseconds: > 1 } ahead) await Task.Delay(ahead, cancellationToken);
                var site = sites[i];
                var point = EventPoint.Create(NetOps.Core.Influx.Point.ToNanoseconds(DateTimeOffset.UtcNow), site.Code, site.Code + "-rt1",
                    EventKind.LinkDown, Severity.Error, LineRole.Primary, "%LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down", null);
                offered[site.Code] = Stopwatch.GetTimestamp();
                tap.Offer(point);
            }
            await Task.WhenAny(all.Task, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        }
        finally
        {
            store.Published -= OnPublished;
            await live.StopAsync(CancellationToken.None);
        }
        var sorted = latencies.OrderBy(x => x).ToArray();
        return new LatencyResult(count, sorted.Length, elapsed.Elapsed, sorted);
    }
}

/// <summary>Latencies in ms, sorted; <see cref="Detected"/> of <see cref="Offered"/> arrived.</summary>
public sealed record LatencyResult(int Offered, int Detected, TimeSpan Elapsed, double[] SortedMs)
{
    public double Percentile(double p) => SortedMs.Length == 0 ? double.NaN : SortedMs[Math.Clamp((int)Math.Ceiling(p / 100 * SortedMs.Length) - 1, 0, SortedMs.Length - 1)];
}
