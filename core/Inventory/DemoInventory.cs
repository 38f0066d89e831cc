using System.Net;

using NetOps.Core.Events;

namespace NetOps.Core.Inventory;

/// <summary>
/// Generates an inventory from the municipality directory: the national centre, every prefecture node
/// and every municipality, each with a primary router, a backup router and a firewall. Device addresses
/// are loopback addresses (127.16.0.0 upwards) and each site's own range is 10.(i/256).(i%256).0/24 so that a simulator on the same machine can send from
/// each device's own address; names are the site code with a suffix (<c>352012-rt1</c>).
/// </summary>
public static class DemoInventory
{
    /// <summary>Device suffixes and their last address octet.</summary>
    public const string PrimaryRouter = "rt1", BackupRouter = "rt2", Firewall = "fw1";

    public static SiteInventory Generate() => new(GenerateSites(MunicipalityDirectory.Entries));

    public static List<Site> GenerateSites(IReadOnlyList<Municipality> directory)
    {
        var sites = new List<Site>(directory.Count + 1)
        {
            MakeSite(Measurements.NationalCentre, "LGWAN全国センター", "00", null, 0),
        };
        var prefectureNodes = directory.Where(m => m.IsPrefecture).ToDictionary(m => m.PrefectureCode, m => m.Code);
        int index = 1;
        foreach (var m in directory)
        {
            string parent = m.IsPrefecture ? Measurements.NationalCentre
                : prefectureNodes.GetValueOrDefault(m.PrefectureCode, Measurements.NationalCentre);
            sites.Add(MakeSite(m.Code, m.Name, m.PrefectureCode, parent, index++));
        }
        return sites;
    }

    /// <summary>The loopback address of device <paramref name="octet"/> (1 = rt1, 2 = rt2, 3 = fw1) of site number <paramref name="index"/>.</summary>
    public static IPAddress Address(int index, int octet) =>
        new([127, (byte)(16 + index / 256), (byte)(index % 256), (byte)octet]);

    private static Site MakeSite(string code, string name, string prefecture, string? parent, int index) => new()
    {
        Code = code,
        Name = name,
        Prefecture = prefecture,
        Parent = parent,
        Prefixes = [$"10.{index / 256}.{index % 256}.0/24"],
        Devices =
        [
            new Device
            {
                Name = $"{code}-{PrimaryRouter}", Kind = "router", Line = "primary", Vendor = "cisco",
                Addresses = [Address(index, 1).ToString()],
                Interfaces = new() { ["primary"] = "GigabitEthernet0/0", ["backup"] = "GigabitEthernet0/1" },
            },
            new Device
            {
                Name = $"{code}-{BackupRouter}", Kind = "router", Line = "backup", Vendor = "yamaha",
                Addresses = [Address(index, 2).ToString()],
                Interfaces = new() { ["backup"] = "LAN2" },
            },
            new Device
            {
                Name = $"{code}-{Firewall}", Kind = "firewall", Vendor = "fortigate",
                Addresses = [Address(index, 3).ToString()],
            },
        ],
    };
}
