using System.Net;
using NetOps.Collector.Snmp;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Tests.Snmp;

/// <summary>The events a device's poll outcomes make on its site's timeline: one snmp_down when it stops answering, one snmp_up when it is back.</summary>
public sealed class SnmpReachabilityTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);
    private static readonly IPEndPoint Agent = new(IPAddress.Parse("10.35.1.2"), 161);
    private static readonly Device Rt2 = new() { Name = "shimonoseki-rt2", Kind = "router", Line = "backup", Snmp = new DeviceSnmp { Credential = "noc-v3" } };

    private static string? Kind(Point? p) => p?.GetTag("kind");

    [Fact]
    public void A_device_that_stops_answering_is_down_once_and_up_once_when_it_answers_again()
    {
        // ok, timeout, timeout, refused credential, ok, ok: as the poller records them (a repeated outcome never reaches it)
        var down = SnmpReachability.Transition(false, SnmpPollOutcome.Timeout, "352012", Rt2, Agent, 2, null, At);
        Assert.Equal("snmp_down", Kind(down));
        Assert.Equal(("352012", "shimonoseki-rt2", "backup", "warning"), (down!.GetTag("site"), down.GetTag("device"), down.GetTag("line"), down.GetTag("severity")));
        Assert.Equal(Point.ToNanoseconds(At), down.TimestampNs);
        Assert.Contains("no answer after 2 attempts", down.Fields.Single(f => f.Key == "message").Value.StringValue);
        Assert.Null(SnmpReachability.Transition(true, SnmpPollOutcome.AuthFailed, "352012", Rt2, Agent, 1, "wrong digest", At));
        var up = SnmpReachability.Transition(true, SnmpPollOutcome.Ok, "352012", Rt2, Agent, 1, null, At.AddMinutes(5));
        Assert.Equal(("snmp_up", "notice"), (Kind(up), up!.GetTag("severity")));
        Assert.Null(SnmpReachability.Transition(false, SnmpPollOutcome.Ok, "352012", Rt2, Agent, 1, null, At.AddMinutes(6)));
    }

    [Fact]
    public void A_refused_credential_names_the_credential_and_the_agents_reason_never_a_secret()
    {
        var down = SnmpReachability.Transition(false, SnmpPollOutcome.AuthFailed, "352012", Rt2, Agent, 1, "usmStatsWrongDigests", At);
        var message = down!.Fields.Single(f => f.Key == "message").Value.StringValue!;
        Assert.Contains("credential 'noc-v3'", message);
        Assert.Contains("usmStatsWrongDigests", message);
        Assert.Equal("authfailed", down.Fields.Single(f => f.Key == "detail").Value.StringValue);
    }

    [Theory]
    [InlineData(SnmpPollOutcome.Failed)]
    [InlineData(SnmpPollOutcome.NoCredential)]
    public void The_pollers_own_failure_and_a_missing_credential_say_nothing_about_the_device(SnmpPollOutcome outcome)
    {
        Assert.False(SnmpReachability.Counts(outcome));
        Assert.Null(SnmpReachability.Transition(false, outcome, "352012", Rt2, Agent, 0, null, At));
        Assert.Null(SnmpReachability.Transition(true, outcome, "352012", Rt2, Agent, 0, null, At));
    }
}
