using NetOps.Core.Detections;

namespace NetOps.Analyzer.Windows;

/// <summary>
/// A detector that analyses stored data one window at a time. The runner (a Quartz job) gives it each window once,
/// in order, after <c>Analyzer:LagSeconds</c> so late points are in; it keeps the detector's state (baselines) and
/// its watermark in the state DB in one transaction, so that after a restart no window is skipped and none is
/// analysed twice. Detectors hold no state of their own between calls.
/// </summary>
public interface IWindowDetector
{
    /// <summary>The detector's name: the <c>detector</c> tag, the watermark's key, <c>./netops analyze --detector</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Analyses one window. <paramref name="stateJson"/> is what the previous call returned (null the first time);
    /// the result carries the next state. Throws only for cancellation or when InfluxDB cannot be read (the runner
    /// retries the same window later).
    /// </summary>
    Task<WindowResult> AnalyzeAsync(AnalysisWindow window, string? stateJson, CancellationToken cancellationToken);
}

/// <summary>A window's findings and the detector's state after it.</summary>
public sealed record WindowResult(IReadOnlyList<Detection> Detections, string? StateJson);
