using NetOps.Core.Inventory;

namespace NetOps.Integration.Tests.Support;

/// <summary>A small inventory file whose devices send from loopback addresses a test can bind.</summary>
public static class TestInventory
{
    /// <summary>下関市 (352012) under 山口県 (350001): rt1 at 127.0.0.1 (so `logger` maps to it), rt2 at 127.0.0.2, fw1 at 127.0.0.3.</summary>
    public static string Write(string directory) => Write(directory,
    [
        new Device { Name = "shimonoseki-rt1", Kind = "router", Line = "primary", Vendor = "cisco", Addresses = ["127.0.0.1"],
            Interfaces = new() { ["primary"] = "GigabitEthernet0/0", ["backup"] = "GigabitEthernet0/1" } },
        new Device { Name = "shimonoseki-rt2", Kind = "router", Line = "backup", Vendor = "yamaha", Addresses = ["127.0.0.2"] },
        new Device { Name = "shimonoseki-fw1", Kind = "firewall", Vendor = "fortigate", Addresses = ["127.0.0.3"] },
    ], ["10.0.0.0/8"]); // the inside of the shared captures (flows to it are inbound)

    /// <summary>The same tree with <paramref name="devices"/> at 下関市; returns the file's path.</summary>
    public static string Write(string directory, List<Device> devices, List<string>? prefixes = null)
    {
        var sites = new List<Site>
        {
            new() { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00" },
            new() { Code = "350001", Name = "山口県", Prefecture = "35", Parent = "000000" },
            new() { Code = "352012", Name = "下関市", Prefecture = "35", Parent = "350001", Prefixes = prefixes ?? [], Devices = devices },
        };
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "inventory.json");
        new SiteInventory(sites).Save(path);
        return path;
    }
}
