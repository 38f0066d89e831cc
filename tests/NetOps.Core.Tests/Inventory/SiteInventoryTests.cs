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
    public void A_prefecture_narrows_a_filter_to_its_sites_and_nothing_left_is_empty_not_everything()
    {
        var inventory = DemoInventory.Generate();
        Assert.Null(inventory.Narrow(null, null));
        var yamaguchi = inventory.Narrow(null, "35")!;
        Assert.Contains("352012", yamaguchi);
        Assert.Contains("350001", yamaguchi);
        Assert.All(yamaguchi, code => Assert.StartsWith("35", code));
        Assert.Equal(["352012"], inventory.Narrow(["352012", "011002"], "35"));
        Assert.Empty(inventory.Narrow(["011002"], "35")!);
        Assert.Equal(["011002"], inventory.Narrow(["011002"], ""));
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
    [InlineData("""{ "sites": [ { "code": "352012", "parent": "359998" } ] }""", "parent 359998 is not in the inventory nor in the municipality directory")]
    [InlineData("""{ "sites": [ { "code": "352011", "name": "下関市" } ] }""", "code \"352011\" has a wrong check digit")]
    [InlineData("""{ "sites": [ { "code": "35201" } ] }""", "code \"35201\" is not six digits")]
    [InlineData("""{ "sites": [ { "code": "352012", "parent": "350002" } ] }""", "(352012): parent \"350002\" has a wrong check digit")]
    [InlineData("""{ "sites": [ { "code": "352012", "devices": [ { "name": "rt1\\" } ] } ] }""", "device name \"rt1\\\\\" cannot be an InfluxDB tag: it ends with a backslash")]
    [InlineData("""{ "sites": [ { "code": "352012", "devices": [ { "name": "rt1\nfw" } ] } ] }""", "device name \"rt1\\nfw\" cannot be an InfluxDB tag: it contains a newline")]
    [InlineData("""{ "sites": [ { "code": "352012", "devices": [ { "name": "fw", "charset": "latin-9" } ] } ] }""", "(fw): charset \"latin-9\" is not one of shift_jis")]
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
    public void The_readme_example_loads_with_its_prefecture_node_and_the_national_centre_implied_from_the_directory()
    {
        var readme = File.ReadAllText(Path.Combine(NetOps.Testing.SharedData.RepositoryRoot, "README.md"));
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "inventory.json");
        File.WriteAllText(path, ReadmeInventoryExample(readme));

        var inventory = SiteInventory.Load(path);

        Assert.Equal(["350001", "000000"], inventory.ImpliedSites.Select(s => s.Code));
        var node = inventory.FindSite("350001")!;
        Assert.Equal(("山口県", "35", "000000"), (node.Name, node.Prefecture, node.Parent));
        Assert.Empty(node.Devices);
        Assert.Null(inventory.FindSite("000000")!.Parent);
        Assert.Equal("shimonoseki-rt1", inventory.FindByAddress(IPAddress.Parse("10.35.1.1"))!.Device.Name);
    }

    [Fact]
    public void A_listed_parent_is_used_as_written_and_nothing_is_implied()
    {
        var inventory = new SiteInventory([
            new Site { Code = "000000", Name = "centre" },
            new Site { Code = "350001", Name = "山口県ノード", Prefecture = "35", Parent = "000000" },
            new Site { Code = "352012", Name = "下関市", Prefecture = "35", Parent = "350001" }]);
        Assert.Empty(inventory.ImpliedSites);
        Assert.Equal("山口県ノード", inventory.FindSite("350001")!.Name);
    }

    /// <summary>The first JSON block of the README that holds an inventory (<c>{ "sites": …</c>), as it stands.</summary>
    internal static string ReadmeInventoryExample(string readme)
    {
        int start = readme.IndexOf("```json\n{ \"sites\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no inventory example");
        start += "```json\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void A_missing_inventory_file_names_the_key()
    {
        var e = Assert.Throws<InventoryException>(() => SiteInventory.Load("/nonexistent/inventory.json"));
        Assert.Contains("Inventory:Path", e.Message);
    }
}
