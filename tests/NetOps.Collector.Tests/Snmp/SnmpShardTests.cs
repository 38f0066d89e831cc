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
}
