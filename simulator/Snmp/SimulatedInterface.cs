namespace NetOps.Simulator.Snmp;

/// <summary>
/// One interface of a simulated router as IF-MIB shows it: its names, speed, oper status and counters. The counters
/// only grow (64-bit octets, 32-bit errors); they are changed under the agent's lock.
/// </summary>
public sealed class SimulatedInterface(int index, string descr, string name, string alias, uint speedMbps)
{
    public int Index { get; } = index;
    /// <summary>ifDescr: the full name (<c>GigabitEthernet0/0</c>), which the inventory's interface map uses.</summary>
    public string Descr { get; } = descr;
    /// <summary>ifName: the short name (<c>Gi0/0</c>).</summary>
    public string Name { get; } = name;
    public string Alias { get; } = alias;
    public uint SpeedMbps { get; } = speedMbps;
    public bool OperUp { get; set; } = true;
    public ulong InOctets { get; set; }
    public ulong OutOctets { get; set; }
    public uint InErrors { get; set; }
    public uint OutErrors { get; set; }

    /// <summary>Counts traffic through the interface; a port that is down carries nothing.</summary>
    public void Carry(ulong inBytes, ulong outBytes)
    {
        if (!OperUp) return;
        InOctets += inBytes;
        OutOctets += outBytes;
    }
}
