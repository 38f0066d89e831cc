using Microsoft.Extensions.Logging;

namespace NetOps.Collector.Capture;

/// <summary>Packet capture log events, ids 1300–1399.</summary>
internal static partial class CaptureLog
{
    [LoggerMessage(1300, LogLevel.Information, "Capturing on {Interface} (filter '{Filter}', sensor {Sensor}, site {Site})")]
    public static partial void Capturing(this ILogger logger, string @interface, string filter, string sensor, string site);

    [LoggerMessage(1302, LogLevel.Warning, "Packet capture on {Interface} stopped unexpectedly")]
    public static partial void CaptureStopped(this ILogger logger, Exception exception, string @interface);

    [LoggerMessage(1303, LogLevel.Information, "Replaying {File} ({Pace} pace, sensor {Sensor}, site {Site})")]
    public static partial void Replaying(this ILogger logger, string file, string pace, string sensor, string site);

    [LoggerMessage(1304, LogLevel.Warning, "Capture file {File} is damaged after {Records} records: {Reason}")]
    public static partial void FileDamaged(this ILogger logger, string file, long records, string reason);

    [LoggerMessage(1305, LogLevel.Information, "Capture event {Kind} at {Site}/{Device}: {Message}")]
    public static partial void ControlPlaneEvent(this ILogger logger, string kind, string site, string device, string message);

    [LoggerMessage(1306, LogLevel.Warning, "The kernel dropped {Dropped} packets on {Interface} since the last report (capture buffer full)")]
    public static partial void KernelDrops(this ILogger logger, long dropped, string @interface);

    [LoggerMessage(1307, LogLevel.Error, "Packet processing failed; the packet was counted as malformed")]
    public static partial void ProcessingFailed(this ILogger logger, Exception exception);
}
