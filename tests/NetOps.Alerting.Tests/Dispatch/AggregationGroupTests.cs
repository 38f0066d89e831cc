using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Tests.Dispatch;

public sealed class AggregationGroupTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    static readonly GroupTimings Timings = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(4));

    static AggregationGroup NewGroup() => new(new GroupKey(0, "prefecture=13"), Timings, T0);
    static GroupMember Firing(string f) => new(f, Resolved: false);
    static GroupMember Resolved(string f) => new(f, Resolved: true);

    [Fact]
    public void First_notice_waits_for_group_wait_and_carries_every_alert_that_joined_meanwhile()
    {
        var group = NewGroup();
        Assert.False(group.Flush(T0.AddSeconds(10), [Firing("a")]).Notify);

        var first = group.Flush(T0.AddSeconds(30), [Firing("a"), Firing("b"), Firing("c")]);
        Assert.True(first.Notify);
        Assert.Equal(["a", "b", "c"], first.Firing);
        Assert.Equal(T0.AddSeconds(30) + Timings.GroupInterval, group.NextFlushAt);
    }

    [Fact]
    public void Unchanged_group_is_quiet_until_the_repeat_interval()
    {
        var group = NewGroup();
        var now = T0.AddSeconds(30);
        Assert.True(group.Flush(now, [Firing("a")]).Notify);

        var notices = 0;
        while (now < T0.AddHours(4))
        {
            now = group.NextFlushAt;
            if (group.Flush(now, [Firing("a")]).Notify) notices++;
        }
        Assert.Equal(1, notices);   // exactly one repeat in the first four hours and five minutes
        Assert.Equal("repeat interval", group.Flush(group.NextFlushAt.AddHours(4), [Firing("a")]).Reason);
    }

    [Fact]
    public void A_joining_alert_and_a_resolved_one_are_each_sent_at_the_next_group_interval()
    {
        var group = NewGroup();
        group.Flush(T0.AddSeconds(30), [Firing("a")]);

        var joined = group.Flush(group.NextFlushAt, [Firing("a"), Firing("b")]);
        Assert.True(joined.Notify);
        Assert.Equal(["a", "b"], joined.Firing);

        var resolved = group.Flush(group.NextFlushAt, [Resolved("a"), Firing("b")]);
        Assert.True(resolved.Notify);
        Assert.Equal(["b"], resolved.Firing);
        Assert.Equal(["a"], resolved.Resolved);

        Assert.False(group.Flush(group.NextFlushAt, [Firing("b")]).Notify);
    }

    [Fact]
    public void An_alert_that_resolves_before_anyone_was_told_sends_nothing()
    {
        var group = NewGroup();
        var decision = group.Flush(T0.AddSeconds(30), [Resolved("a")]);
        Assert.False(decision.Notify);
    }

    [Fact]
    public void A_silenced_alert_is_not_paged_but_its_resolution_is_sent()
    {
        var group = NewGroup();
        Assert.False(group.Flush(T0.AddSeconds(30), [new GroupMember("a", Resolved: false, Silenced: true)]).Notify);

        var over = group.Flush(group.NextFlushAt, [new GroupMember("a", Resolved: true, Silenced: true)]);
        Assert.True(over.Notify);
        Assert.Empty(over.Firing);
        Assert.Equal(["a"], over.Resolved);
    }

    [Fact]
    public void A_restored_group_continues_where_the_stored_one_stopped()
    {
        var group = NewGroup();
        group.Flush(T0.AddSeconds(30), [Firing("a")]);

        var restored = AggregationGroup.Restore(group.Key, Timings, group.NextFlushAt, group.LastNotifiedAt, group.NotifiedFiring);
        Assert.False(restored.Flush(restored.NextFlushAt, [Firing("a")]).Notify);   // no second page after a restart
        Assert.True(restored.Flush(restored.NextFlushAt, [Firing("a"), Firing("b")]).Notify);
    }

    [Fact]
    public void A_hundred_alerts_in_a_group_are_one_notice()
    {
        var group = NewGroup();
        var members = Enumerable.Range(0, 100).Select(i => Firing($"site{i:D3}")).ToList();
        var decision = group.Flush(T0.AddSeconds(30), members);
        Assert.True(decision.Notify);
        Assert.Equal(100, decision.Firing.Count);
        Assert.False(group.Flush(group.NextFlushAt, members).Notify);
    }
}
