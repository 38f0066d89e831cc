using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Detections;

namespace NetOps.Analyzer.Windows;

/// <summary>
/// Runs the window detectors: each detector's windows in order from its watermark, each window once, after the lag.
/// A window's findings are stored (once, by id) before its watermark and state move, in one transaction; a crash
/// between the two runs the window again, and the store recognises what it already has. A detector that fails stays
/// on its window and is tried again next run; the others carry on.
/// </summary>
public sealed partial class WindowRunner(
    IEnumerable<IWindowDetector> detectors, WindowWatermarks watermarks, IDetectionSink sink,
    IOptionsMonitor<AnalyzerOptions> options, AnalyzerMetrics metrics, TimeProvider time, ILogger<WindowRunner> logger)
{
    public IReadOnlyList<IWindowDetector> Detectors { get; } = detectors.ToList();

    public static string WatermarkName(string detector) => "analyzer/" + detector;

    /// <summary>Runs every detector's due windows; answers the windows analysed.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        int total = 0;
        foreach (var detector in Detectors)
        {
            try
            {
                total += await RunDueAsync(detector, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                metrics.Windows.WithLabels(detector.Name, "failed").Inc();
                DetectorFailed(logger, e, detector.Name);
            }
        }
        return total;
    }

    /// <summary>Runs one detector's due windows (at most <c>Analyzer:MaxWindowsPerRun</c>).</summary>
    public async Task<int> RunDueAsync(IWindowDetector detector, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var length = TimeSpan.FromSeconds(o.WindowSeconds);
        var now = time.GetUtcNow();
        var due = now - TimeSpan.FromSeconds(o.LagSeconds);
        var name = WatermarkName(detector.Name);
        var mark = await watermarks.GetAsync(name, cancellationToken);
        long? expected = mark?.WatermarkMs;
        var from = mark is null
            ? Align(due - length - TimeSpan.FromMinutes(o.BackfillMinutes), length)
            : DateTimeOffset.FromUnixTimeMilliseconds(mark.WatermarkMs);
        var state = mark?.StateJson;
        int done = 0;
        while (from + length <= due && done < o.MaxWindowsPerRun)
        {
            var window = new AnalysisWindow(from, from + length);
            var started = Stopwatch.GetTimestamp();
            var result = await detector.AnalyzeAsync(window, state, cancellationToken);
            await sink.PublishAsync(result.Detections, cancellationToken);
            long next = window.To.ToUnixTimeMilliseconds();
            if (!await watermarks.AdvanceAsync(name, expected, next, result.StateJson, cancellationToken))
            {
                // Another node ran this window meanwhile (its findings and ours have the same ids): leave it to that node.
                WatermarkMoved(logger, detector.Name, window.From);
                break;
            }
            metrics.WindowSeconds.WithLabels(detector.Name).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            metrics.Windows.WithLabels(detector.Name, "done").Inc();
            expected = next;
            state = result.StateJson;
            from = window.To;
            done++;
        }
        metrics.WatermarkLag.WithLabels(detector.Name).Set(Math.Max(0, (now - from).TotalSeconds));
        return done;
    }

    /// <summary>
    /// <c>./netops analyze</c>: runs detectors over [<paramref name="from"/>, <paramref name="to"/>) from a cold state,
    /// findings marked as a re-run; what a scheduled run already stored is recognised by id and not stored again.
    /// Watermarks and the scheduled state are left as they are.
    /// </summary>
    public async Task<RerunSummary> RerunAsync(DateTimeOffset from, DateTimeOffset to, string? detectorName, IProgress<RerunProgress>? progress, CancellationToken cancellationToken)
    {
        var chosen = detectorName is null ? Detectors : Detectors.Where(d => d.Name == detectorName).ToList();
        if (chosen.Count == 0)
            throw new ArgumentException($"--detector: no detector named '{detectorName}' (there are: {string.Join(", ", Detectors.Select(d => d.Name))})");
        var length = TimeSpan.FromSeconds(options.CurrentValue.WindowSeconds);
        var start = Align(from, length);
        int windows = (int)Math.Ceiling((to - start) / length);
        int found = 0, stored = 0, step = 0;
        foreach (var detector in chosen)
        {
            string? state = null;
            for (var w = start; w < to; w += length)
            {
                var result = await detector.AnalyzeAsync(new AnalysisWindow(w, w + length, Rerun: true), state, cancellationToken);
                state = result.StateJson;
                found += result.Detections.Count;
                stored += await sink.PublishAsync(result.Detections, cancellationToken);
                metrics.Windows.WithLabels(detector.Name, "rerun").Inc();
                progress?.Report(new RerunProgress(detector.Name, ++step, windows * chosen.Count, found, stored));
            }
        }
        return new RerunSummary(windows * chosen.Count, found, stored);
    }

    public static DateTimeOffset Align(DateTimeOffset t, TimeSpan length)
    {
        long ms = t.ToUnixTimeMilliseconds(), len = (long)length.TotalMilliseconds;
        return DateTimeOffset.FromUnixTimeMilliseconds(ms - ((ms % len) + len) % len);
    }

    [LoggerMessage(1501, LogLevel.Error, "Detector {Detector} failed; its window is tried again next run")]
    private static partial void DetectorFailed(ILogger logger, Exception e, string detector);

    [LoggerMessage(1502, LogLevel.Information, "Detector {Detector}: the window from {From} was analysed by another node")]
    private static partial void WatermarkMoved(ILogger logger, string detector, DateTimeOffset from);
}

/// <summary>What a re-run did: windows analysed, findings, and how many of them were new.</summary>
public sealed record RerunSummary(int Windows, int Found, int Stored);

/// <summary>A re-run's progress.</summary>
public sealed record RerunProgress(string Detector, int Window, int Windows, int Found, int Stored);
