using NetOps.Core.Inventory;

namespace NetOps.Simulator;

/// <summary>A site of the demo inventory with its three devices: primary router, backup router, firewall.</summary>
public sealed class SimulatedSite
{
    public SimulatedSite(Site site, int index, bool useTcp)
    {
        Code = site.Code;
        Name = site.Name;
        Prefecture = site.Prefecture;
        Index = index;
        Device Find(string suffix) => site.Devices.First(d => d.Name.EndsWith("-" + suffix, StringComparison.Ordinal));
        // The firewall carries most of the volume, so it is the device that tries TCP.
        PrimaryRouter = new SimulatedDevice(this, Find(DemoInventory.PrimaryRouter), DemoInventory.Address(index, 1), false);
        BackupRouter = new SimulatedDevice(this, Find(DemoInventory.BackupRouter), DemoInventory.Address(index, 2), false);
        Firewall = new SimulatedDevice(this, Find(DemoInventory.Firewall), DemoInventory.Address(index, 3), useTcp);
    }

    public string Code { get; }
    public string Name { get; }
    public string Prefecture { get; }
    /// <summary>Index in <see cref="DemoInventory.GenerateSites"/>, which fixes the devices' loopback addresses.</summary>
    public int Index { get; }
    public SimulatedDevice PrimaryRouter { get; }
    public SimulatedDevice BackupRouter { get; }
    public SimulatedDevice Firewall { get; }

    public IEnumerable<SimulatedDevice> Devices => [PrimaryRouter, BackupRouter, Firewall];

    /// <summary>Site-internal addresses: 10.&lt;prefecture&gt;.&lt;site&gt;.x, as an LGWAN-facing segment would be numbered.</summary>
    public string InternalAddress(int host) => $"10.{int.Parse(Prefecture, System.Globalization.CultureInfo.InvariantCulture)}.{Index % 250 + 1}.{host}";

    /// <summary>The BGP neighbour on the primary line: the prefecture node's router.</summary>
    public string BgpNeighbor => $"10.{int.Parse(Prefecture, System.Globalization.CultureInfo.InvariantCulture)}.0.1";
}
