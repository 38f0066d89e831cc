using System.Net;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Snmp;

/// <summary>
/// The <c>event</c> a device's poll outcome makes, as Zabbix's "SNMP agent not available" or LibreNMS's "device down
/// (no SNMP response)": <c>snmp_down</c> when a device stops answering (no answer after the retries, an error status
/// or a malformed walk, a refused v3 credential), once, and <c>snmp_up</c> when it answers again. A device that never
/// answered since the collector started is down from its first failed poll; one that changes from one failure to
/// another makes no second event. An exception in the poller itself is not the device's fault and makes none.
/// Pure function.
/// </summary>
public static class SnmpReachability
{
    /// <summary>The event for a poll that ended <paramref name="now"/> on a device that was (<paramref name="wasDown"/>) not answering, or null.</summary>
    public static Point? Transition(bool wasDown, SnmpPollOutcome now, string site, Device device, IPEndPoint agent, int attempts,
        string? reason, DateTimeOffset at)
    {
        if (!Counts(now)) return null;
        var line = LineRoles.Parse(device.Line);
        long ns = Point.ToNanoseconds(at);
        if (now == SnmpPollOutcome.Ok)
        {
            return wasDown
                ? EventPoint.Create(ns, site, device.Name, EventKind.SnmpUp, Severity.Notice, line, $"SNMP: {device.Name} at {agent} answers again", "ok")
                : null;
        }
        if (wasDown) return null;
        string why = now switch
        {
            SnmpPollOutcome.Timeout => $"no answer after {attempts} attempts",
            SnmpPollOutcome.AuthFailed => $"the agent refused credential '{device.Snmp?.Credential}' ({reason ?? "refused"})",
            _ => "an error status or a malformed answer",
        };
        return EventPoint.Create(ns, site, device.Name, EventKind.SnmpDown, Severity.Warning, line, $"SNMP: {device.Name} at {agent} does not answer: {why}",
            now.ToString().ToLowerInvariant());
    }

    /// <summary>Whether the outcome says anything about the device: the poller's own failure and a missing credential do not.</summary>
    public static bool Counts(SnmpPollOutcome outcome) => outcome is not (SnmpPollOutcome.Failed or SnmpPollOutcome.NoCredential);
}
