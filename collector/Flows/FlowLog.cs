using System.Net;
using Microsoft.Extensions.Logging;

namespace NetOps.Collector.Flows;

/// <summary>Flow pipeline log events, ids 1180–1199 (inside the collector's 1100–1199).</summary>
internal static partial class FlowLog
{
    [LoggerMessage(1180, LogLevel.Information, "Flow export listener ({Listener}) on {Endpoint}/udp")]
    public static partial void Listening(this ILogger logger, FlowListenerKind listener, EndPoint endpoint);

    [LoggerMessage(1181, LogLevel.Error, "Flow export listener ({Listener}) failed")]
    public static partial void ListenerFailed(this ILogger logger, Exception exception, FlowListenerKind listener);

    [LoggerMessage(1182, LogLevel.Warning, "Flow queue full: {Dropped} export datagrams dropped in the last {Seconds} s")]
    public static partial void QueueFull(this ILogger logger, long dropped, int seconds);

    [LoggerMessage(1183, LogLevel.Information, "Flows from unknown exporter {Exporter} are stored with site=unknown")]
    public static partial void UnknownExporter(this ILogger logger, IPAddress exporter);

    [LoggerMessage(1184, LogLevel.Warning, "Inventory prefix '{Prefix}' is not a CIDR prefix; flows to and from it get the exporter's own direction")]
    public static partial void BadPrefix(this ILogger logger, string prefix);

    [LoggerMessage(1185, LogLevel.Error, "Processing an export datagram from {Exporter} failed; it was counted and dropped")]
    public static partial void ProcessingFailed(this ILogger logger, Exception exception, IPAddress exporter);

    [LoggerMessage(1186, LogLevel.Warning, "UDP receive buffer is {Actual} bytes, less than the {Wanted} configured (Collector:Flows:ReceiveBufferBytes); run as root or raise net.core.rmem_max")]
    public static partial void SmallReceiveBuffer(this ILogger logger, int actual, int wanted);
}
