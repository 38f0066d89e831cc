using System.Net;

using NetOps.Core.Inventory;

namespace NetOps.Simulator;

/// <summary>One device of the demo inventory that the simulator plays, with its own source address.</summary>
public sealed class SimulatedDevice(SimulatedSite site, Device device, IPAddress address, bool useTcp)
{
    private int _sequence;

    public SimulatedSite Site { get; } = site;
    public string Name { get; } = device.Name;
    public string Vendor { get; } = device.Vendor ?? "cisco";
    public IPAddress Address { get; } = address;
    /// <summary>True if this device sends over TCP (octet-counting framing), as a relay-friendly device would.</summary>
    public bool UseTcp { get; } = useTcp;

    public string PrimaryInterface { get; } = device.Interfaces?.GetValueOrDefault("primary") ?? "GigabitEthernet0/0";
    public string BackupInterface { get; } = device.Interfaces?.GetValueOrDefault("backup") ?? "GigabitEthernet0/1";

    /// <summary>Cisco's per-device message sequence number (<c>service sequence-numbers</c>).</summary>
    public int NextSequence() => Interlocked.Increment(ref _sequence);
}
