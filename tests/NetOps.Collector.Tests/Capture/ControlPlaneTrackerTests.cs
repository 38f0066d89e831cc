using System.Net;
using NetOps.Collector.Capture;
using NetOps.Core.Events;

namespace NetOps.Collector.Tests.Capture;

/// <summary>Tracker rules the shared captures do not exercise: silence, priority changes, resignation, dead neighbours.</summary>
public sealed class ControlPlaneTrackerTests
{
    private const long S = 1_000_000_000L;
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1"), B = IPAddress.Parse("10.0.0.2"), Group = IPAddress.Parse("224.0.0.18");

    private static VrrpAdvert Advert(byte priority, int intervalCs = 100) => new(3, 7, priority, 1, intervalCs);

    [Fact]
    public void A_master_silent_for_its_master_down_interval_is_reported_once_when_that_interval_ran_out()
    {
        var t = new VrrpTracker();
        var events = new List<CaptureEvent>();
        t.OnAdvert(0, -1, A, Group, Advert(100), events);
        // Master_Down_Interval = 3 × 1 s + (256 − 100) × 1 s / 256 = 3.609375 s.
        t.CheckSilence(3 * S, events);
        Assert.Single(events);
        t.CheckSilence(4 * S, events);
        var silent = Assert.Single(events, e => e.Kind == EventKind.VrrpBackup);
        Assert.Equal(3_609_375_000L, silent.TimestampNs);
        Assert.Equal(Core.Events.Severity.Warning, silent.Severity);
        Assert.Contains("silent", silent.Message);
        t.CheckSilence(10 * S, events);
        Assert.Equal(2, events.Count);
        // Whoever advertises next is master, even with a lower priority.
        t.OnAdvert(11 * S, -1, B, Group, Advert(50), events);
        Assert.Equal(EventKind.VrrpMaster, events[^1].Kind);
        Assert.Equal(B, events[^1].Address);
    }

    [Fact]
    public void A_priority_change_of_the_master_is_an_event_and_a_lower_priority_advert_changes_nothing()
    {
        var t = new VrrpTracker();
        var events = new List<CaptureEvent>();
        t.OnAdvert(0, -1, A, Group, Advert(200), events);
        t.OnAdvert(1 * S, -1, B, Group, Advert(100), events);
        Assert.Single(events);
        t.OnAdvert(2 * S, -1, A, Group, Advert(150), events);
        Assert.Equal(EventKind.Generic, events[^1].Kind);
        Assert.Contains("priority 200 -> 150", events[^1].Message);
    }

    [Fact]
    public void Equal_priority_preempts_by_the_higher_address_and_a_resigning_master_is_backup()
    {
        var t = new VrrpTracker();
        var events = new List<CaptureEvent>();
        t.OnAdvert(0, -1, A, Group, Advert(100), events);
        t.OnAdvert(1 * S, -1, B, Group, Advert(100), events);
        Assert.Equal([EventKind.VrrpMaster, EventKind.VrrpBackup, EventKind.VrrpMaster], events.Select(e => e.Kind));
        t.OnAdvert(2 * S, -1, B, Group, Advert(0), events);
        Assert.Equal(EventKind.VrrpBackup, events[^1].Kind);
        Assert.Contains("resigned", events[^1].Message);
        t.OnAdvert(3 * S, -1, A, Group, Advert(100), events);
        Assert.Equal(EventKind.VrrpMaster, events[^1].Kind);
        Assert.Equal(A, events[^1].Address);
    }

    [Fact]
    public void An_ospf_router_is_down_one_dead_interval_after_its_last_hello_and_up_again_on_the_next()
    {
        var t = new OspfTracker();
        var events = new List<CaptureEvent>();
        var hello = new OspfHello(2, 0x0A000001, 0, 10, 40, 0, 0);
        t.OnHello(0, -1, A, hello, events);
        t.OnHello(10 * S, -1, A, hello, events);
        t.CheckDead(50 * S, events);
        Assert.Single(events);
        t.CheckDead(51 * S, events);
        var down = events[^1];
        Assert.Equal(EventKind.OspfDown, down.Kind);
        Assert.Equal(50 * S, down.TimestampNs);
        t.OnHello(60 * S, -1, A, hello, events);
        Assert.Equal(EventKind.OspfUp, events[^1].Kind);
        Assert.Contains("resumed", events[^1].Message);
    }

    [Fact]
    public void Trackers_stop_growing_at_their_limit()
    {
        var t = new OspfTracker();
        var events = new List<CaptureEvent>();
        for (uint i = 0; i < ControlPlaneLimits.MaxTracked + 100; i++)
            t.OnHello(0, -1, A, new OspfHello(2, i, 0, 10, 40, 0, 0), events);
        Assert.Equal(ControlPlaneLimits.MaxTracked, t.Count);
    }
}
