using System.Net;
using NetOps.Collector.Capture;
using NetOps.Core.Events;

namespace NetOps.Collector.Tests.Capture;

/// <summary>HSRP rules the shared captures do not exercise: resignation, a takeover without resigning, two Actives, bounds.</summary>
public sealed class HsrpTrackerTests
{
    private const long S = 1_000_000_000L;
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1"), B = IPAddress.Parse("10.0.0.2");

    private static HsrpMessage Hello(HsrpState state, byte priority, HsrpOpCode op = HsrpOpCode.Hello, ushort group = 1) =>
        new(1, op, state, group, priority, 3000, 10_000, IPAddress.Parse("10.0.0.254"));

    [Fact]
    public void A_resigning_active_is_standby_at_once_and_the_next_active_names_the_resignation()
    {
        var t = new HsrpTracker();
        var events = new List<CaptureEvent>();
        t.OnMessage(0, -1, A, Hello(HsrpState.Active, 110), events);
        t.OnMessage(1 * S, -1, B, Hello(HsrpState.Standby, 100), events);
        t.OnMessage(2 * S, -1, A, Hello(HsrpState.Active, 110, HsrpOpCode.Resign), events);
        t.OnMessage(2 * S + 1, -1, B, Hello(HsrpState.Active, 100), events);
        Assert.Equal([EventKind.HsrpActive, EventKind.HsrpStandby, EventKind.HsrpStandby, EventKind.HsrpActive], events.Select(e => e.Kind));
        Assert.Equal(A, events[2].Address);
        Assert.Contains("resigned", events[2].Message);
        Assert.Equal(B, events[3].Address);
        Assert.Contains("previous active 10.0.0.1 resigned", events[3].Message);
        Assert.All(events, e => Assert.Equal(Severity.Notice, e.Severity));
    }

    [Fact]
    public void A_new_active_that_wins_without_a_coup_or_a_resignation_displaces_the_old_one_with_warnings()
    {
        var t = new HsrpTracker();
        var events = new List<CaptureEvent>();
        t.OnMessage(0, -1, A, Hello(HsrpState.Active, 100), events);
        t.OnMessage(1 * S, -1, B, Hello(HsrpState.Active, 200), events);
        Assert.Equal([EventKind.HsrpActive, EventKind.HsrpStandby, EventKind.HsrpActive], events.Select(e => e.Kind));
        Assert.Equal(A, events[1].Address);
        Assert.Equal(Severity.Warning, events[1].Severity);
        Assert.Contains("without 10.0.0.1 resigning", events[1].Message);
        Assert.Equal(Severity.Warning, events[2].Severity);
        Assert.Contains("previous=10.0.0.1 previous_priority=100", events[2].Detail);
        // The displaced router's later Speak hello is not a second step-down.
        t.OnMessage(2 * S, -1, A, Hello(HsrpState.Speak, 100), events);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public void A_router_that_claims_active_against_a_better_active_is_one_warning_not_one_per_hello()
    {
        var t = new HsrpTracker();
        var events = new List<CaptureEvent>();
        t.OnMessage(0, -1, B, Hello(HsrpState.Active, 200), events);
        for (int i = 1; i <= 3; i++)
        {
            t.OnMessage(i * S, -1, A, Hello(HsrpState.Active, 100), events);
            t.OnMessage(i * S + 1, -1, B, Hello(HsrpState.Active, 200), events);
        }
        Assert.Equal([EventKind.HsrpActive, EventKind.Generic], events.Select(e => e.Kind));
        Assert.Equal(A, events[1].Address);
        Assert.Equal(Severity.Warning, events[1].Severity);
        Assert.Contains("claims active while 10.0.0.2", events[1].Message);
    }

    [Fact]
    public void A_silent_active_is_reported_once_and_is_active_again_when_it_returns()
    {
        var t = new HsrpTracker();
        var events = new List<CaptureEvent>();
        t.OnMessage(0, -1, A, Hello(HsrpState.Active, 100), events);
        t.CheckSilence(10 * S, events);
        Assert.Single(events);
        t.CheckSilence(11 * S, events);
        t.CheckSilence(30 * S, events);
        Assert.Equal(2, events.Count);
        Assert.Equal(EventKind.HsrpStandby, events[1].Kind);
        Assert.Equal(10 * S, events[1].TimestampNs);
        Assert.Equal(Severity.Warning, events[1].Severity);
        Assert.Equal(0, t.Count);
        t.OnMessage(40 * S, -1, A, Hello(HsrpState.Active, 100), events);
        Assert.Equal(EventKind.HsrpActive, events[^1].Kind);
    }

    [Fact]
    public void Groups_are_per_vlan_and_number_and_memory_stays_bounded_under_a_flood()
    {
        var t = new HsrpTracker();
        var events = new List<CaptureEvent>();
        t.OnMessage(0, 10, A, Hello(HsrpState.Active, 100), events);
        t.OnMessage(0, 20, A, Hello(HsrpState.Active, 100), events);
        t.OnMessage(0, 10, A, Hello(HsrpState.Active, 100, group: 2), events);
        Assert.Equal(3, events.Count(e => e.Kind == EventKind.HsrpActive));
        var bytes = new byte[4];
        for (int i = 0; i < 3 * ControlPlaneLimits.MaxTracked; i++)
        {
            bytes[0] = 10; bytes[1] = (byte)(i >> 16); bytes[2] = (byte)(i >> 8); bytes[3] = (byte)i;
            t.OnMessage(1, 10, new IPAddress(bytes), Hello(HsrpState.Speak, 1, group: (ushort)(i % 4096)), events);
        }
        Assert.InRange(t.Count, 0, ControlPlaneLimits.MaxTracked);
    }
}
