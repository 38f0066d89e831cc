using System.Net;
using NetOps.Core.Inventory;

namespace NetOps.Core.Tests.Inventory;

public sealed class SiteInventoryTests
{
    [Fact]
    public void The_demo_inventory_covers_every_body_with_three_devices_on_unique_loopback_addresses()
    {
        var inventory = DemoInventory.Generate();
        Assert.Equal(1789, inventory.Sites.Count); // the national centre and 1,788 bodies
        Assert.Equal(1789 * 3, inventory.DeviceCount);
        var shimonoseki = inventory.FindSite("352012")!;
        Assert.Equal("350001", shimonoseki.Parent);
        Assert.Equal("000000", inventory.FindSite("350001")!.Parent);
        var rt1 = shimonoseki.Devices.Single(d => d.Name == "352012-rt1");
        Assert.Same(rt1, inventory.FindByAddress(IPAddress.Parse(rt1.Addresses[0]))!.Device);
        Assert.All(inventory.Sites.SelectMany(s => s.Devices).SelectMany(d => d.Addresses), a => Assert.True(IPAddress.IsLoopback(IPAddress.Parse(a))));
    }

    [Fact]
    public void Devices_are_found_by_source_address_first_then_by_hostname_ignoring_case()
    {
        var inventory = DemoInventory.Generate();
        var byHost = inventory.Find(IPAddress.Parse("192.0.2.1"), "352012-RT2");
        Assert.Equal("352012-rt2", byHost!.Device.Name);
        var bySource = inventory.Find(IPAddress.Parse(byHost.Device.Addresses[0]), "352012-rt1");
        Assert.Equal("352012-rt2", bySource!.Device.Name);
        Assert.Null(inventory.Find(IPAddress.Parse("192.0.2.1"), "nobody"));
        Assert.Equal("352012-rt1", inventory.FindByName("352012-rt1".AsSpan())!.Device.Name);
    }

    [Fact]
    public void Saved_inventory_loads_back_with_the_same_sites_and_japanese_names_intact()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "inventory.json");
        var original = DemoInventory.Generate();
        original.Save(path);
        Assert.Contains("下関市", File.ReadAllText(path));
        var loaded = SiteInventory.Load(path);
        Assert.Equal(original.Sites.Count, loaded.Sites.Count);
        Assert.Equal("下関市", loaded.FindSite("352012")!.Name);
    }

    [Theory]
    [InlineData("""{ "sites": [ { "code": "352012", "devices": [ { "name": "a", "addresses": ["10.0.0.300"] } ] } ] }""", "10.0.0.300")]
    [InlineData("""{ "sites": [ { "code": "352012", "devices": [ { "name": "a" }, { "name": "A" } ] } ] }""", "appears twice")]
    [InlineData("""{ "sites": [ { "code": "352012", "parent": "350001" } ] }""", "parent 350001")]
    [InlineData("""{ "sites": [ { "name": "x" } ] }""", "code is missing")]
    [InlineData("""{ "sites": [ }""", "not a valid inventory file")]
    public void A_bad_inventory_file_is_rejected_naming_the_file_and_the_item(string json, string expected)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bad.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<InventoryException>(() => SiteInventory.Load(path));
        Assert.Contains(expected, e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_missing_inventory_file_names_the_key()
    {
        var e = Assert.Throws<InventoryException>(() => SiteInventory.Load("/nonexistent/inventory.json"));
        Assert.Contains("Inventory:Path", e.Message);
    }
}
