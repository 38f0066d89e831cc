using NetOps.Collector.Snmp;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Tests.Snmp;

public sealed class SnmpShardTests
{
    /// <summary>The 5,364 devices of the demo inventory's 1,788 municipalities (rt1, rt2, fw1 each).</summary>
    private static readonly (string Site, string Device)[] Devices =
        [.. MunicipalityDirectory.Entries.SelectMany(m => new[] { "rt1", "rt2", "fw1" }.Select(d => (m.Code, $"{m.Code}-{d}")))];

    [Fact]
    public void The_test_inventory_is_1788_sites_of_three_devices()
        => Assert.Equal(5_364, Devices.Length);

    [Theory]
    [InlineData(1), InlineData(2), InlineData(3), InlineData(4), InlineData(5)]
    public void Every_device_lands_in_exactly_one_shard_and_the_split_is_roughly_even(int shards)
    {
        var counts = new int[shards];
        foreach (var (site, device) in Devices)
        {
            int shard = SnmpShard.Of(site, device, shards);
            Assert.InRange(shard, 0, shards - 1);
            Assert.Equal(shard, SnmpShard.Of(site, device, shards)); // the same answer every time
            counts[shard]++;
        }
        Assert.Equal(Devices.Length, counts.Sum());
        double even = (double)Devices.Length / shards;
        // 5 % is about 3 standard deviations of a fair split at 5 shards (1,073 ± 29 devices each).
        Assert.All(counts, c => Assert.InRange(c, even * 0.95, even * 1.05));
    }

    [Fact]
    public void Going_from_three_to_four_collectors_moves_about_a_quarter_of_the_devices_all_to_the_new_one()
    {
        var moved = Devices.Where(d => SnmpShard.Of(d.Site, d.Device, 3) != SnmpShard.Of(d.Site, d.Device, 4)).ToList();
        Assert.InRange((double)moved.Count / Devices.Length, 0.22, 0.28);
        // Rendezvous: a device changes collector only when the new one outweighs its old one.
        Assert.All(moved, d => Assert.Equal(3, SnmpShard.Of(d.Site, d.Device, 4)));
    }

    [Fact]
    public void The_hash_is_pinned_so_that_every_collector_of_every_version_agrees()
    {
        // A change of the hash or of the weights moves devices between running collectors: it must be deliberate.
        Assert.Equal(0xaad0cc1397bd055aUL, SnmpShard.KeyHash("352012", "shimonoseki-rt1"));
        Assert.Equal(0x2ae41e6eb7dab231UL, SnmpShard.KeyHash("131016", "chiyoda-rt1"));
        Assert.Equal(SnmpShard.KeyHash("352012", "shimonoseki-rt1"), SnmpShard.KeyHash("352012", "Shimonoseki-RT1"));
        Assert.Equal([0, 3, 3, 3, 1, 1],
            new[] { ("352012", "shimonoseki-rt1"), ("352012", "shimonoseki-rt2"), ("352012", "shimonoseki-fw1"),
                    ("131016", "chiyoda-rt1"), ("011002", "sapporo-rt1"), ("472018", "naha-rt1") }
                .Select(k => SnmpShard.Of(k.Item1, k.Item2, 5)));
    }

    [Fact]
    public void One_collector_polls_every_device()
        => Assert.All(Devices.Take(100), d => Assert.Equal(0, SnmpShard.Of(d.Site, d.Device, 1)));

    [Fact]
    public void By_membership_a_member_that_leaves_gives_up_only_its_own_devices_spread_over_the_others()
    {
        string[] four = ["collector-a", "collector-b", "collector-c", "collector-d"];
        string[] three = ["collector-a", "collector-b", "collector-d"];
        var before = Devices.Select(d => four[SnmpShard.OwnerOf(d.Site, d.Device, four)]).ToArray();
        var after = Devices.Select(d => three[SnmpShard.OwnerOf(d.Site, d.Device, three)]).ToArray();
        foreach (var member in four)
            Assert.InRange(before.Count(m => m == member), Devices.Length / 4 * 0.9, Devices.Length / 4 * 1.1);
        for (int i = 0; i < Devices.Length; i++)
            if (before[i] != "collector-c") Assert.Equal(before[i], after[i]); // nobody else's device moved
        var taken = Enumerable.Range(0, Devices.Length).Where(i => before[i] == "collector-c").GroupBy(i => after[i]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, taken.Count); // c's devices went to all three survivors
        Assert.Equal(-1, SnmpShard.OwnerOf("352012", "shimonoseki-rt1", []));
    }

    [Fact]
    public void By_membership_the_owner_is_pinned_and_does_not_depend_on_the_order_members_are_listed_in()
    {
        string[] members = ["collector-a", "collector-b", "collector-c"];
        string[] reversed = [.. members.Reverse()];
        foreach (var (site, device) in Devices.Take(200))
            Assert.Equal(members[SnmpShard.OwnerOf(site, device, members)], reversed[SnmpShard.OwnerOf(site, device, reversed)]);
        Assert.Equal(0x3EB3D99A3FBB9F2BUL, SnmpShard.MemberHash("collector-a"));
        Assert.Equal(1, SnmpShard.OwnerOf("352012", "shimonoseki-rt1", members)); // collector-b, computed independently
    }
}
