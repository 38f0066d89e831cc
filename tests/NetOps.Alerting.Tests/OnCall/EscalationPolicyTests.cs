using NetOps.Alerting.OnCall;

namespace NetOps.Alerting.Tests.OnCall;

public sealed class EscalationPolicyTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    // Level 1: the NOC schedule, 10 minutes to acknowledge; level 2: the duty manager, 20 minutes; run twice more.
    static readonly EscalationPolicy Policy = new("lines", [
        new EscalationStep("noc", [], 10),
        new EscalationStep(null, ["manager"], 20),
    ], Repeat: 2);

    static readonly HashSet<string> NothingSent = [];

    [Fact]
    public void Levels_fall_due_one_wait_after_another_and_repeat_while_unacknowledged()
    {
        Assert.Null(Policy.Validate());
        var due = Policy.Plan(T0).Select(s => ((s.DueAt - T0).TotalMinutes, s.Step)).ToList();
        Assert.Equal([(0, 0), (10, 1), (30, 0), (40, 1), (60, 0), (70, 1)], due);
        Assert.Null(Policy.NextAfter(T0, T0.AddMinutes(70)));
        Assert.Equal(T0.AddMinutes(30), Policy.NextAfter(T0, T0.AddMinutes(12)));
    }

    [Fact]
    public void An_acknowledgement_stops_every_later_step()
    {
        var due = Policy.DueBy(T0, T0.AddHours(2), acknowledgedAt: T0.AddMinutes(12), NothingSent, "g");
        Assert.Equal([0, 1], due.Select(s => s.Step));
        Assert.All(due, s => Assert.Equal(0, s.Round));
    }

    [Fact]
    public void A_step_already_sent_is_not_due_again_after_a_restart()
    {
        var first = Policy.DueBy(T0, T0.AddMinutes(15), null, NothingSent, "13/outage");
        Assert.Equal(["13/outage/round0/step0", "13/outage/round0/step1"], first.Select(s => s.Key("13/outage")));

        var sent = first.Select(s => s.Key("13/outage")).ToHashSet();
        Assert.Empty(Policy.DueBy(T0, T0.AddMinutes(15), null, sent, "13/outage"));
        Assert.Equal("13/outage/round1/step0", Assert.Single(Policy.DueBy(T0, T0.AddMinutes(31), null, sent, "13/outage")).Key("13/outage"));
    }

    /// <summary>Regression: skipping missed steps once and then sending the oldest unsent step on the next pass paged level 1 after level 2.</summary>
    [Fact]
    public void After_an_outage_of_NetOps_only_the_current_level_pages_and_the_missed_ones_stay_missed()
    {
        // Down from T0+1 min to T0+35 min: level 1 of round 0 went out; level 2 (T0+10) and round 1's level 1 (T0+30) were missed.
        var sent = new HashSet<string> { "g/round0/step0" };
        var now = Policy.Current(T0, T0.AddMinutes(35), sent, "g");
        Assert.Equal("g/round1/step0", Assert.Single(now).Key("g"));
        sent.Add(now[0].Key("g"));
        Assert.Empty(Policy.Current(T0, T0.AddMinutes(35.1), sent, "g")); // not level 2 of round 0, a minute later
        Assert.Equal("g/round1/step1", Assert.Single(Policy.Current(T0, T0.AddMinutes(40), sent, "g")).Key("g"));
    }

    [Fact]
    public void Steps_that_fall_due_together_page_together()
    {
        var both = new EscalationPolicy("p", [new EscalationStep("noc", [], 0), new EscalationStep(null, ["manager"], 15)], 0);
        Assert.Equal([0, 1], both.Current(T0, T0, NothingSent, "g").Select(s => s.Step));
        Assert.Empty(Policy.Current(T0, T0.AddMinutes(-1), NothingSent, "g"));
    }

    [Theory]
    [InlineData(0, "steps[0].notify names no schedule and no users")]
    [InlineData(1, "repeat needs a step that waits")]
    public void A_policy_that_cannot_work_is_refused_naming_the_field(int which, string expected)
    {
        var policy = which == 0
            ? new EscalationPolicy("p", [new EscalationStep(null, [], 5)], 0)
            : new EscalationPolicy("p", [new EscalationStep("noc", [], 0)], 3);
        Assert.StartsWith(expected, policy.Validate());
    }
}
