using Microsoft.Extensions.Logging;

namespace NetOps.Core.Hosting;

/// <summary>Log events of the host's own machinery (event ids 1020–1039).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1020, LogLevel.Error, "{Part}: {Loop} met an unexpected error (failure {Count}); it carries on")]
    public static partial void LoopFailed(this ILogger logger, Exception exception, string part, string loop, long count);

    [LoggerMessage(1021, LogLevel.Critical, "{Part}: {Loop} has stopped while the process runs; /health reports it until restart")]
    public static partial void LoopExited(this ILogger logger, Exception? exception, string part, string loop);
}
