using NetOps.Collector.Snmp;

namespace NetOps.Simulator.Snmp;

/// <summary>
/// A simulated router's SNMP face: its interfaces, which of them faces its line (WAN) and the site's LAN, and its
/// agent's start. The primary router (Cisco) has its line on Gi0/0, its LAN on Gi0/2 and Gi0/1 towards the backup
/// router; the backup router (Yamaha RTX) has its LAN on LAN1 and the backup line on LAN2, as the demo inventory's
/// interface maps say.
/// </summary>
public sealed class SimulatedRouter
{
    private SimulatedRouter(SimulatedDevice device, string sysDescr, Oid sysObjectId, SimulatedInterface wan, SimulatedInterface lan,
        IReadOnlyList<SimulatedInterface> interfaces, long startedAt)
    {
        Device = device;
        SysDescr = sysDescr;
        SysObjectId = sysObjectId;
        Wan = wan;
        Lan = lan;
        Interfaces = interfaces;
        StartedAt = startedAt;
    }

    public SimulatedDevice Device { get; }
    public string SysDescr { get; }
    public Oid SysObjectId { get; }
    /// <summary>The interface on the router's line (the primary or the backup line).</summary>
    public SimulatedInterface Wan { get; }
    public SimulatedInterface Lan { get; }
    public IReadOnlyList<SimulatedInterface> Interfaces { get; }
    /// <summary>The agent's start (<see cref="TimeProvider.GetTimestamp"/>), from which sysUpTime counts.</summary>
    public long StartedAt { get; }

    public static SimulatedRouter Primary(SimulatedDevice device, long startedAt)
    {
        var wan = Cisco(1, device.PrimaryInterface, "LGWAN primary line (to the prefecture node)", 1000);
        var lan = Cisco(2, "GigabitEthernet0/2", "LAN (VRRP group 1)", 1000);
        var cross = Cisco(3, device.BackupInterface, "to the backup router", 1000);
        return new SimulatedRouter(device,
            "Cisco IOS XE Software, Version 17.09.04a, C1100 Software (C1100-UNIVERSALK9-M) (NetOps simulator)",
            Oid.Parse("1.3.6.1.4.1.9.1.2591"), wan, lan, [wan, lan, cross], startedAt);
    }

    public static SimulatedRouter Backup(SimulatedDevice device, long startedAt)
    {
        var lan = new SimulatedInterface(1, "LAN1", "LAN1", "LAN (VRRP group 1)", 1000);
        var wan = new SimulatedInterface(2, device.BackupInterface, device.BackupInterface, "LGWAN backup line", 100);
        return new SimulatedRouter(device, "RTX1300 Rev.23.01.02 (NetOps simulator)", Oid.Parse("1.3.6.1.4.1.1182.2.1.38"),
            wan, lan, [lan, wan], startedAt);
    }

    /// <summary>sysUpTime in hundredths of a second (TimeTicks wraps after 497 days, as on a real agent).</summary>
    public uint UpTimeTicks(TimeProvider time) => unchecked((uint)(long)(time.GetElapsedTime(StartedAt).TotalMilliseconds / 10));

    public VarBind[] View(TimeProvider time) => AgentMib.View(Device.Name, SysDescr, SysObjectId, UpTimeTicks(time), Interfaces);

    // Cisco's ifName is the short form of ifDescr (GigabitEthernet0/0 -> Gi0/0).
    private static SimulatedInterface Cisco(int index, string descr, string alias, uint speed) =>
        new(index, descr, descr.StartsWith("GigabitEthernet", StringComparison.Ordinal) ? "Gi" + descr["GigabitEthernet".Length..] : descr, alias, speed);
}
