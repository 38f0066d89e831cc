using NetOps.Alerting.Alerts;

namespace NetOps.Alerting.Tests.Alerts;

public sealed class AlertTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    static Alert NewAlert() => new(new Dictionary<string, string> { ["site"] = "131016", ["kind"] = "outage" }, new Dictionary<string, string>(), T0);

    [Fact]
    public void Firing_then_acknowledged_then_resolved_with_every_step_on_the_timeline()
    {
        var alert = NewAlert();
        Assert.True(alert.Acknowledge("oncall1", T0.AddMinutes(3)).Applied);
        Assert.True(alert.Resolve(null, T0.AddMinutes(20)).Applied);

        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Equal(T0.AddMinutes(20), alert.EndsAt);
        Assert.Equal(["fired", "acknowledged", "condition cleared"], alert.Timeline.Select(e => e.Note));
        Assert.Equal("oncall1", alert.Timeline[1].Actor);
    }

    [Fact]
    public void A_second_acknowledgement_or_one_after_resolution_is_refused_with_the_reason()
    {
        var alert = NewAlert();
        alert.Acknowledge("oncall1", T0.AddMinutes(1));
        Assert.Equal("already acknowledged by oncall1", alert.Acknowledge("oncall2", T0.AddMinutes(2)).Refusal);
        alert.Resolve("oncall1", T0.AddMinutes(5));
        Assert.False(alert.Acknowledge("oncall2", T0.AddMinutes(6)).Applied);
        Assert.False(alert.Resolve("oncall2", T0.AddMinutes(6)).Applied);
        Assert.Equal(3, alert.Timeline.Count);
    }

    [Fact]
    public void The_same_condition_firing_again_is_the_same_alert_unacknowledged()
    {
        var alert = NewAlert();
        var fingerprint = alert.Fingerprint;
        alert.Acknowledge("oncall1", T0.AddMinutes(1));
        alert.Resolve(null, T0.AddMinutes(5));
        alert.Refire(new Dictionary<string, string>(), T0.AddMinutes(30));

        Assert.Equal(fingerprint, alert.Fingerprint);
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(T0.AddMinutes(30), alert.StartsAt);
        Assert.Null(alert.AcknowledgedBy);
        Assert.Null(alert.EndsAt);
    }

    [Fact]
    public void Suppression_holds_a_firing_alert_back_and_releasing_it_fires_again()
    {
        var alert = NewAlert();
        alert.SetSuppression("parent-fp", T0.AddMinutes(1), "parent 130001 is down");
        Assert.Equal(AlertState.Suppressed, alert.State);
        Assert.Equal("parent-fp", alert.SuppressedBy);
        alert.SetSuppression("parent-fp", T0.AddMinutes(2));   // no duplicate timeline line
        alert.SetSuppression(null, T0.AddMinutes(10));
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(3, alert.Timeline.Count);
    }
}
