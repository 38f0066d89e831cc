using System.Net;
using NetOps.Core.Events;

namespace NetOps.Collector.Capture;

/// <summary>
/// Follows OSPF routers (VLAN, area, router id) by their hellos, in packet time: the first hello of a router (or
/// the first after it went down) → <c>ospf_up</c>; no hello for longer than the dead interval that router
/// announced → <c>ospf_down</c>, warning, stamped when the dead interval ran out. The check runs as packet time
/// advances and at the end of a replay; a router whose last hello is still within its dead interval when the
/// capture ends is not reported down (the capture cannot tell). Not thread-safe: one pipeline owns it.
/// </summary>
public sealed class OspfTracker
{
    private readonly Dictionary<(short Vlan, uint Area, uint RouterId), State> _routers = [];

    private sealed class State
    {
        public required IPAddress Source;
        public long LastNs;
        public int DeadSeconds;
        public byte Version;
        public bool Down;
    }

    public int Count => _routers.Count;

    public void OnHello(long timestampNs, short vlan, IPAddress source, in OspfHello hello, List<CaptureEvent> events)
    {
        var key = (vlan, hello.AreaId, hello.RouterId);
        int dead = hello.DeadIntervalSeconds > 0 ? hello.DeadIntervalSeconds : Math.Max(1, hello.HelloIntervalSeconds) * 4;
        if (!_routers.TryGetValue(key, out var state))
        {
            if (_routers.Count >= ControlPlaneLimits.MaxTracked) return;
            _routers[key] = state = new State { Source = source, LastNs = timestampNs, DeadSeconds = dead, Version = hello.Version };
            events.Add(Up(timestampNs, vlan, source, hello, "first hello"));
            return;
        }
        if (state.Down)
        {
            state.Down = false;
            events.Add(Up(timestampNs, vlan, source, hello, "hellos resumed"));
        }
        state.Source = source;
        state.LastNs = timestampNs;
        state.DeadSeconds = dead;
    }

    /// <summary>Reports routers whose hellos stopped for longer than their dead interval by <paramref name="nowNs"/>.</summary>
    public void CheckDead(long nowNs, List<CaptureEvent> events)
    {
        foreach (var ((vlan, area, routerId), s) in _routers)
        {
            if (s.Down) continue;
            long deadNs = s.DeadSeconds * 1_000_000_000L;
            if (nowNs - s.LastNs <= deadNs) continue;
            s.Down = true;
            events.Add(new CaptureEvent(s.LastNs + deadNs, EventKind.OspfDown, Severity.Warning, s.Source, null,
                $"OSPF router {Id(routerId)} ({s.Source}) in area {Id(area)}: no hello for its dead interval of {s.DeadSeconds} s",
                $"router_id={Id(routerId)} area={Id(area)} address={s.Source} version={s.Version} dead_s={s.DeadSeconds}" + (vlan >= 0 ? $" vlan={vlan}" : "")));
        }
    }

    private static CaptureEvent Up(long ts, short vlan, IPAddress source, in OspfHello h, string why) =>
        new(ts, EventKind.OspfUp, Severity.Notice, source, null,
            $"OSPF router {Id(h.RouterId)} ({source}) in area {Id(h.AreaId)} is up ({why})",
            $"router_id={Id(h.RouterId)} area={Id(h.AreaId)} address={source} version={h.Version} hello_s={h.HelloIntervalSeconds} dead_s={h.DeadIntervalSeconds} dr={Id(h.DesignatedRouter)} neighbours={h.NeighbourCount}" + (vlan >= 0 ? $" vlan={vlan}" : ""));

    /// <summary>Dotted-quad form of a router or area id.</summary>
    public static string Id(uint id) => $"{id >> 24}.{(id >> 16) & 0xFF}.{(id >> 8) & 0xFF}.{id & 0xFF}";
}
