namespace NetOps.Collector.Snmp;

/// <summary>
/// One IF-MIB row as read in one poll. Counters are null where the agent has no such column; the octet counters are
/// ifHCInOctets/ifHCOutOctets when the agent has them (<see cref="Octets64"/>), else ifInOctets/ifOutOctets.
/// </summary>
public sealed class InterfaceRow(uint index)
{
    public uint Index { get; } = index;
    public string? Name { get; set; }
    public string? Descr { get; set; }
    public string? Alias { get; set; }
    /// <summary>ifOperStatus: 1 up, 2 down, 3 testing, 4 unknown, 5 dormant, 6 notPresent, 7 lowerLayerDown.</summary>
    public int? OperStatus { get; set; }
    public ulong? InOctets { get; set; }
    public ulong? OutOctets { get; set; }
    public bool InOctets64 { get; set; }
    public bool OutOctets64 { get; set; }
    public ulong? InErrors { get; set; }
    public ulong? OutErrors { get; set; }
    /// <summary>ifHighSpeed, in Mbit/s.</summary>
    public ulong? HighSpeedMbps { get; set; }

    /// <summary>True when both octet counters are 64-bit.</summary>
    public bool Octets64 => InOctets64 && OutOctets64;

    /// <summary>The name to tag points with: ifName, else ifDescr, else <c>if</c> and the index.</summary>
    public string DisplayName => !string.IsNullOrWhiteSpace(Name) ? Name! : !string.IsNullOrWhiteSpace(Descr) ? Descr! : $"if{Index}";
}
