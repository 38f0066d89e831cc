using System.Net;
using Microsoft.Extensions.Logging;

namespace NetOps.Collector;

/// <summary>Collector log events, ids 1100–1199.</summary>
internal static partial class CollectorLog
{
    [LoggerMessage(1100, LogLevel.Information, "{Listener} listener on {Endpoint}")]
    public static partial void Listening(this ILogger logger, string listener, EndPoint endpoint);

    [LoggerMessage(1101, LogLevel.Warning, "Malformed syslog message from {Source} ({Error}; {Suppressed} more since the last sample): {Excerpt}")]
    public static partial void MalformedMessage(this ILogger logger, IPAddress source, string error, long suppressed, string excerpt);

    [LoggerMessage(1102, LogLevel.Warning, "Syslog queue full: {Dropped} UDP messages dropped in the last {Seconds} s")]
    public static partial void QueueFull(this ILogger logger, long dropped, int seconds);

    [LoggerMessage(1103, LogLevel.Warning, "Syslog connection from {Remote} closed: {Reason}")]
    public static partial void ConnectionClosed(this ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(1104, LogLevel.Warning, "Syslog connection from {Remote} refused: {Reason}")]
    public static partial void ConnectionRefused(this ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(1105, LogLevel.Error, "{Listener} listener failed")]
    public static partial void ListenerFailed(this ILogger logger, Exception exception, string listener);

    [LoggerMessage(1106, LogLevel.Error, "Syslog processing failed for a message from {Source}; it was counted as malformed ({Suppressed} more failures since the last sample): {Excerpt}")]
    public static partial void ProcessingFailed(this ILogger logger, Exception exception, IPAddress source, long suppressed, string excerpt);

    [LoggerMessage(1107, LogLevel.Information, "Messages from unknown sender {Source} (host {Hostname}) are stored with site=unknown")]
    public static partial void UnknownSender(this ILogger logger, IPAddress source, string hostname);

    [LoggerMessage(1108, LogLevel.Warning, "UDP receive buffer is {Actual} bytes, less than the {Wanted} configured ({Key}); run as root or raise net.core.rmem_max")]
    public static partial void SmallReceiveBuffer(this ILogger logger, int actual, int wanted, string key);
}
