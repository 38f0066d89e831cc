using NetOps.Collector.Aggregation;
using NetOps.Collector.Normalization;

namespace NetOps.Collector.Tests.Aggregation;

public sealed class FirewallCounterTests
{
    [Fact]
    public void A_window_becomes_one_point_per_site_device_and_action_and_the_next_starts_empty()
    {
        var counter = new FirewallCounter();
        for (int i = 0; i < 7; i++) counter.Add("352012", "fw1", FirewallAction.Deny);
        counter.Add("352012", "fw1", FirewallAction.Permit, 3);
        counter.Add("131016", "fw1", FirewallAction.Deny);

        var points = counter.Drain(42);
        Assert.Equal(3, points.Count);
        var deny = points.Single(p => p.GetTag("site") == "352012" && p.GetTag("action") == "deny");
        Assert.Equal(7, deny.Fields.Single(f => f.Key == "count").Value.AsInteger);
        Assert.Equal(42, deny.TimestampNs);
        Assert.Equal("firewall", deny.Measurement);
        Assert.Empty(counter.Drain(43));
    }

    [Fact]
    public async Task Concurrent_adds_are_all_counted()
    {
        var counter = new FirewallCounter();
        long drained = 0;
        var adders = Enumerable.Range(0, 4).Select(_ => Task.Run(() => { for (int i = 0; i < 50_000; i++) counter.Add("s", "d", FirewallAction.Deny); })).ToArray();
        while (!adders.All(t => t.IsCompleted)) { drained += counter.Drain(1).Sum(p => p.Fields[0].Value.AsInteger); await Task.Yield(); }
        drained += counter.Drain(2).Sum(p => p.Fields[0].Value.AsInteger);
        Assert.Equal(200_000, drained);
    }
}
