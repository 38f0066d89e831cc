using System.Net;
using NetOps.Collector.Flows;

namespace NetOps.Collector.Tests.Flows;

public sealed class PrefixTableTests
{
    private static FlowAddress A(string text) => FlowAddress.From(IPAddress.Parse(text));

    [Fact]
    public void The_longest_matching_prefix_wins()
    {
        var table = PrefixTable.Build([("10.0.0.0/8", 1), ("10.1.0.0/16", 2), ("10.1.2.0/24", 3), ("0.0.0.0/0", 0)]);
        Assert.Equal(3, table.Lookup(A("10.1.2.200")));
        Assert.Equal(2, table.Lookup(A("10.1.3.1")));
        Assert.Equal(1, table.Lookup(A("10.200.0.1")));
        Assert.Equal(0, table.Lookup(A("192.0.2.1")));
    }

    [Fact]
    public void An_address_outside_every_prefix_has_no_value()
    {
        var table = PrefixTable.Build([("10.0.1.0/24", 7)]);
        Assert.Equal(-1, table.Lookup(A("10.0.2.1")));
        Assert.Equal(-1, PrefixTable.Empty.Lookup(A("10.0.1.1")));
    }

    [Fact]
    public void Ipv6_prefixes_match_ipv6_addresses_only()
    {
        var table = PrefixTable.Build([("2001:db8::/32", 1), ("2001:db8:1::/48", 2), ("10.0.0.0/8", 3)]);
        Assert.Equal(2, table.Lookup(A("2001:db8:1::5")));
        Assert.Equal(1, table.Lookup(A("2001:db8:2::5")));
        Assert.Equal(-1, table.Lookup(A("2001:db9::1")));
        Assert.Equal(3, table.Lookup(A("10.1.1.1")));
        Assert.Equal(-1, table.Lookup(A("::ffff:192.0.2.1")));
    }

    [Fact]
    public void Host_bits_in_a_prefix_are_ignored_and_a_bare_address_is_a_host_route()
    {
        var table = PrefixTable.Build([("10.0.1.77/24", 1), ("192.0.2.9", 2)]);
        Assert.Equal(1, table.Lookup(A("10.0.1.1")));
        Assert.Equal(2, table.Lookup(A("192.0.2.9")));
        Assert.Equal(-1, table.Lookup(A("192.0.2.8")));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/24")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("example")]
    [InlineData("")]
    public void A_bad_prefix_is_reported_and_skipped(string cidr)
    {
        var errors = new List<string>();
        var table = PrefixTable.Build([(cidr, 1), ("10.9.9.0/24", 2)], errors);
        Assert.Equal([cidr], errors);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Every_demo_site_prefix_maps_back_to_its_site()
    {
        var sites = NetOps.Core.Inventory.DemoInventory.Generate().Sites;
        var table = PrefixTable.Build(sites.SelectMany((s, i) => s.Prefixes!.Select(p => (p, i))));
        for (int i = 0; i < sites.Count; i++)
            Assert.Equal(i, table.Lookup(A($"10.{i / 256}.{i % 256}.42")));
    }
}
