namespace NetOps.Core.State;

/// <summary>
/// A collector taking part in splitting the SNMP-polled devices by membership (<c>Collector:Snmp:Sharding=members</c>):
/// it renews <see cref="HeartbeatAt"/> while it runs, and the devices are divided among the members whose heartbeat
/// is recent, so a collector that stops has its share taken over by the others.
/// </summary>
public sealed class CollectorMember
{
    /// <summary><c>Collector:Snmp:MemberName</c> of the collector (the machine's name by default).</summary>
    public string Name { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset HeartbeatAt { get; set; }
}
