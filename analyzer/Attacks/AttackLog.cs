using Microsoft.Extensions.Logging;

namespace NetOps.Analyzer.Attacks;

/// <summary>Log events of the attack detectors (ids 2100–2149).</summary>
internal static partial class AttackLog
{
    [LoggerMessage(2100, LogLevel.Information, "{Detector} found {Kind} at {Site}: {Message}")]
    public static partial void Found(this ILogger logger, string detector, string kind, string site, string message);

    [LoggerMessage(2101, LogLevel.Debug, "{Detector} analysed {From:o}–{To:o}: {Sites} sites, {Detections} detections, {Queries} queries")]
    public static partial void Analysed(this ILogger logger, string detector, DateTimeOffset from, DateTimeOffset to, int sites, int detections, int queries);
}
