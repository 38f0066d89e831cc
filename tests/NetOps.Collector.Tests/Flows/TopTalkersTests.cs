using System.Net;
using FsCheck;
using FsCheck.Xunit;
using NetOps.Collector.Flows;

namespace NetOps.Collector.Tests.Flows;

public sealed class TopTalkersTests
{
    private static FlowAddress V4(uint value) => FlowAddress.FromV4(value);

    [Fact]
    public void With_fewer_addresses_than_counters_the_top_list_is_exact()
    {
        var sketch = new SpaceSaving(16);
        for (uint a = 1; a <= 10; a++)
            for (int i = 0; i < (int)a; i++) sketch.Add(V4(a), TalkerRole.Source, 100, 1);
        var top = sketch.Top(3);
        Assert.Equal([10u, 9u, 8u], top.Select(e => (uint)e.Key.Address.Value));
        Assert.Equal([1000ul, 900ul, 800ul], top.Select(e => e.Count));
        Assert.All(top, e => Assert.Equal(0ul, e.Error));
        Assert.Equal([10ul, 9ul, 8ul], top.Select(e => e.Flows));
    }

    [Fact]
    public void Source_and_destination_roles_of_one_address_are_ranked_apart()
    {
        var sketch = new SpaceSaving(8);
        sketch.Add(V4(1), TalkerRole.Source, 500, 5);
        sketch.Add(V4(1), TalkerRole.Destination, 300, 3);
        var top = sketch.Top(10);
        Assert.Equal(2, top.Count);
        Assert.Equal(TalkerRole.Source, top[0].Key.Role);
        Assert.Equal(TalkerRole.Destination, top[1].Key.Role);
    }

    [Fact]
    public void Heavy_hitters_survive_a_flood_of_one_off_addresses_with_bounded_memory()
    {
        var sketch = new SpaceSaving(80);
        var random = new Random(7);
        var exact = new Dictionary<uint, ulong>();
        for (int i = 0; i < 200_000; i++)
        {
            // ten heavy senders carry about half of the bytes; the rest comes from 100k scattered addresses
            uint address = random.Next(2) == 0 ? (uint)random.Next(10) : 1000u + (uint)random.Next(100_000);
            ulong bytes = (ulong)random.Next(40, 1500);
            sketch.Add(V4(address), TalkerRole.Source, bytes, 1);
            exact[address] = exact.GetValueOrDefault(address) + bytes;
        }
        Assert.Equal(80, sketch.Count);
        var expected = exact.OrderByDescending(kv => kv.Value).Take(10).Select(kv => kv.Key).Order();
        var top = sketch.Top(10);
        Assert.Equal(expected, top.Select(e => (uint)e.Key.Address.Value).Order());
        foreach (var e in top)
        {
            ulong truth = exact[(uint)e.Key.Address.Value];
            Assert.InRange(truth, e.Count - e.Error, e.Count);
        }
    }

    [Property(MaxTest = 300)]
    public bool Estimates_bound_the_true_counts_and_every_key_above_total_over_capacity_is_held(uint[] stream, PositiveInt capacity)
    {
        int k = Math.Min(capacity.Get, 32);
        var sketch = new SpaceSaving(k);
        var exact = new Dictionary<uint, ulong>();
        foreach (var raw in stream)
        {
            uint address = raw % 64;
            ulong bytes = raw % 1000 + 1;
            sketch.Add(V4(address), TalkerRole.Destination, bytes, 1);
            exact[address] = exact.GetValueOrDefault(address) + bytes;
        }
        var held = sketch.Top(k).ToDictionary(e => (uint)e.Key.Address.Value);
        bool bounds = held.All(kv => exact[kv.Key] <= kv.Value.Count && exact[kv.Key] >= kv.Value.Count - kv.Value.Error);
        ulong total = exact.Values.Aggregate(0ul, (a, b) => a + b);
        bool guaranteed = exact.Where(kv => kv.Value > total / (ulong)k).All(kv => held.ContainsKey(kv.Key));
        return bounds && guaranteed && sketch.Count <= k && sketch.Total == total;
    }

    [Fact]
    public void Clearing_a_sketch_lets_it_be_reused()
    {
        var sketch = new SpaceSaving(2);
        sketch.Add(V4(1), TalkerRole.Source, 10, 1);
        sketch.Add(V4(2), TalkerRole.Source, 10, 1);
        sketch.Add(V4(3), TalkerRole.Source, 10, 1);
        sketch.Clear();
        Assert.Equal(0, sketch.Count);
        sketch.Add(V4(4), TalkerRole.Source, 7, 1);
        var only = Assert.Single(sketch.Top(5));
        Assert.Equal(7ul, only.Count);
        Assert.Equal(IPAddress.Parse("0.0.0.4"), only.Key.Address.ToIPAddress());
    }
}
