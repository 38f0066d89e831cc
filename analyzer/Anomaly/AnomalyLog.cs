using Microsoft.Extensions.Logging;

namespace NetOps.Analyzer.Anomaly;

/// <summary>Log events of the anomaly detector (3300–3309).</summary>
internal static partial class AnomalyLog
{
    [LoggerMessage(3300, LogLevel.Debug, "Anomaly window {From:o}: {Series} series, {Detections} detections")]
    public static partial void AnalyzedWindow(this ILogger logger, DateTimeOffset from, int series, int detections);

    [LoggerMessage(3301, LogLevel.Debug, "Anomaly window {From:o}: exporter {Exporter} of site {Site} is not in the inventory; its traffic counts as line none")]
    public static partial void UnknownExporter(this ILogger logger, DateTimeOffset from, string exporter, string site);

    [LoggerMessage(3302, LogLevel.Debug, "Anomaly window {From:o}: no flow points at all; baselines left as they were")]
    public static partial void NoFlows(this ILogger logger, DateTimeOffset from);
}
