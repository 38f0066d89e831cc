using System.Net;
using Microsoft.Extensions.Logging;

namespace NetOps.Collector.Snmp;

/// <summary>SNMP log events, ids 1180–1199 of the collector's range. Never a community or key.</summary>
internal static partial class SnmpLog
{
    [LoggerMessage(1180, LogLevel.Information, "SNMP: polling {Devices} of {Total} devices (shard {ShardIndex} of {ShardCount}; {Skipped} left out: credential not configured)")]
    public static partial void Polling(this ILogger logger, int devices, int total, int shardIndex, int shardCount, int skipped);

    [LoggerMessage(1181, LogLevel.Warning, "SNMP: device {Device} at {Agent} does not answer ({Outcome} after {Attempts} attempts); polls carry on and it is logged again when it answers")]
    public static partial void DeviceFailing(this ILogger logger, string device, IPEndPoint agent, string outcome, int attempts);

    [LoggerMessage(1182, LogLevel.Information, "SNMP: device {Device} at {Agent} answers again")]
    public static partial void DeviceRecovered(this ILogger logger, string device, IPEndPoint agent);

    [LoggerMessage(1183, LogLevel.Error, "SNMP: {Problem}; the device is not polled until the credential is configured")]
    public static partial void NoCredential(this ILogger logger, string problem);

    [LoggerMessage(1184, LogLevel.Error, "SNMP: the poll of {Device} failed ({Suppressed} more failures since the last sample)")]
    public static partial void PollFailed(this ILogger logger, Exception exception, string device, long suppressed);

    [LoggerMessage(1185, LogLevel.Warning, "SNMP: device {Device} has more than {Max} interfaces ({Key}); {Truncated} rows were left out")]
    public static partial void TooManyInterfaces(this ILogger logger, string device, int max, string key, int truncated);

    [LoggerMessage(1186, LogLevel.Warning, "SNMP: malformed datagram on the trap port from {Source} ({Error}; {Suppressed} more since the last sample): {Excerpt}")]
    public static partial void MalformedTrap(this ILogger logger, IPAddress source, string error, long suppressed, string excerpt);

    [LoggerMessage(1187, LogLevel.Information, "SNMP: traps from unknown sender {Source} are stored with site=unknown")]
    public static partial void UnknownTrapSender(this ILogger logger, IPAddress source);

    [LoggerMessage(1188, LogLevel.Error, "SNMP: a trap from {Source} could not be processed; it was counted as malformed ({Suppressed} more since the last sample)")]
    public static partial void TrapFailed(this ILogger logger, Exception exception, IPAddress source, long suppressed);

    [LoggerMessage(1189, LogLevel.Warning, "SNMP: device {Device} answered the IF-MIB walk with error-status {Status} (index {Index})")]
    public static partial void ErrorStatus(this ILogger logger, string device, int status, int index);

    [LoggerMessage(1190, LogLevel.Warning, "SNMP: device {Device} at {Agent} refuses SNMPv3 credential {Credential} ({Reason}); it is polled again at its next interval and logged again when it answers")]
    public static partial void AuthFailed(this ILogger logger, string device, IPEndPoint agent, string credential, string reason);

    [LoggerMessage(1191, LogLevel.Warning, "SNMP: v3 message on the trap port from {Source} refused ({Reason}; {Suppressed} more since the last sample)")]
    public static partial void RefusedV3Trap(this ILogger logger, IPAddress source, string reason, long suppressed);

    [LoggerMessage(1195, LogLevel.Information, "SNMP: collector {Member} splits the polled devices among {Count} members: {Members}")]
    public static partial void MembersChanged(ILogger logger, string member, int count, string members);

    [LoggerMessage(1196, LogLevel.Warning, "SNMP: collector {Member} could not remove its membership on stop ({Error}); the others take its devices after three heartbeats")]
    public static partial void MembershipLeaveFailed(ILogger logger, string member, string error);
}
