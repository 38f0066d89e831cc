using System.Net;
using Microsoft.Extensions.Logging;

namespace NetOps.Collector.Flows;

/// <summary>Flow pipeline log events, ids 1160–1179 (inside the collector's 1100–1199; the decoder has 1150–1159).</summary>
internal static partial class FlowLog
{
    [LoggerMessage(1162, LogLevel.Warning, "Flow queue full: {Dropped} export datagrams dropped in the last {Seconds} s")]
    public static partial void QueueFull(this ILogger logger, long dropped, int seconds);

    [LoggerMessage(1163, LogLevel.Information, "Flows from unknown exporter {Exporter} are stored with site=unknown")]
    public static partial void UnknownExporter(this ILogger logger, IPAddress exporter);

    [LoggerMessage(1164, LogLevel.Warning, "Inventory prefix '{Prefix}' is not a CIDR prefix; flows to and from it get the exporter's own direction")]
    public static partial void BadPrefix(this ILogger logger, string prefix);

    [LoggerMessage(1165, LogLevel.Error, "Processing an export datagram from {Exporter} failed; it was counted and dropped")]
    public static partial void ProcessingFailed(this ILogger logger, Exception exception, IPAddress exporter);
}
