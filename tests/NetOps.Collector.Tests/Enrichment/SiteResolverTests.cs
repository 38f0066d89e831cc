using System.Net;
using NetOps.Collector.Enrichment;
using NetOps.Core.Events;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Tests.Enrichment;

public sealed class SiteResolverTests
{
    private static readonly Device Router = new()
    {
        Name = "shimonoseki-rt1", Line = "primary",
        Interfaces = new() { ["primary"] = "GigabitEthernet0/0", ["backup"] = "GigabitEthernet0/1" },
    };

    [Theory]
    [InlineData("GigabitEthernet0/0", LineRole.Primary)]
    [InlineData("Gi0/1", LineRole.Backup)]
    [InlineData("gigabitethernet0/1", LineRole.Backup)]
    [InlineData("GigabitEthernet0/10", LineRole.Primary)] // not an interface of a line: the device's own line
    [InlineData(null, LineRole.Primary)]
    public void The_line_comes_from_the_interface_named_else_from_the_device(string? ifname, LineRole expected) =>
        Assert.Equal(expected, SiteResolver.LineOf(Router, ifname));

    [Theory]
    [InlineData("Gi0/1", "GigabitEthernet0/1", true)]
    [InlineData("Te1/0/1", "TenGigabitEthernet1/0/1", true)]
    [InlineData("Gi0/1", "GigabitEthernet0/11", false)]
    [InlineData("Fa0/1", "GigabitEthernet0/1", false)]
    [InlineData("LAN2", "LAN2", true)]
    [InlineData("0/1", "GigabitEthernet0/1", false)]
    public void Cisco_abbreviations_match_their_full_names(string a, string b, bool same) =>
        Assert.Equal(same, SiteResolver.SameInterface(a, b));

    [Fact]
    public void A_device_name_inside_the_message_is_the_last_resort()
    {
        var resolver = new SiteResolver(DemoInventory.Generate());
        Assert.Equal("352012-fw1", resolver.Resolve(IPAddress.Parse("192.0.2.1"), null, "352012-fw1")!.Device.Name);
        Assert.Null(resolver.Resolve(IPAddress.Parse("192.0.2.1"), "stranger", "stranger-fw"));
    }
}
