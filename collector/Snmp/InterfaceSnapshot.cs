namespace NetOps.Collector.Snmp;

/// <summary>What one poll of a device read: its sysUpTime (TimeTicks) and its interfaces by ifIndex.</summary>
public sealed record InterfaceSnapshot(uint? SysUpTime, IReadOnlyDictionary<uint, InterfaceRow> Interfaces, DateTimeOffset At);
