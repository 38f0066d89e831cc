using System.Net;
using NetOps.Core.Events;

namespace NetOps.Collector.Capture;

/// <summary>
/// Follows the routers of each HSRP group (VLAN, address family, group number) from their hellos, coups and
/// resignations, in packet time. Events are about one router each:
/// <list type="bullet">
/// <item><c>hsrp_active</c>: a router announces Active and the group had no live Active (the first seen, or the
/// previous one resigned, left Active, or fell silent), or it takes over from a live Active by a coup or by winning the
/// election (higher priority, or equal priority and higher address);</item>
/// <item><c>hsrp_standby</c>: a router enters Standby; or the Active stops being Active: it resigns, announces a
/// lower state, is displaced by a new Active without having resigned (warning), or sends no hello for its hold time
/// (warning, "silent", stamped when the hold time ran out);</item>
/// <item><c>generic</c> (warning): the Standby sends no hello for its hold time (the group has lost its spare), or a
/// router claims Active while a live Active with a better claim is there (two Actives on one segment).</item>
/// </list>
/// Repeated hellos in the same state change nothing. Memory is bounded by <see cref="ControlPlaneLimits.MaxTracked"/>
/// routers and groups in all; silent routers are forgotten, and a group with none left. Not thread-safe: one pipeline owns it.
/// </summary>
public sealed class HsrpTracker
{
    /// <summary>Routers remembered per group; HSRP groups have two or three, a crafted flood gets no more.</summary>
    public const int MaxRoutersPerGroup = 16;

    private readonly Dictionary<(short Vlan, byte Family, ushort Group), GroupState> _groups = [];
    private int _routers;

    private sealed class GroupState
    {
        public readonly Dictionary<IPAddress, RouterState> Routers = [];
        public IPAddress? Active;
        /// <summary>Why the last Active stopped being Active, for the next Active's message; null before any.</summary>
        public string? LastLoss;
    }

    private sealed class RouterState
    {
        public HsrpState State;
        public byte Priority;
        public byte Version;
        public int HoldMs;
        public long LastNs;
        public long CoupNs = long.MinValue;
        public IPAddress? VirtualAddress;
    }

    /// <summary>Routers remembered, over all groups.</summary>
    public int Count => _routers;

    public void OnMessage(long timestampNs, short vlan, IPAddress source, in HsrpMessage message, List<CaptureEvent> events)
    {
        var key = (vlan, (byte)source.AddressFamily, message.Group);
        if (!_groups.TryGetValue(key, out var group))
        {
            if (_routers >= ControlPlaneLimits.MaxTracked || _groups.Count >= ControlPlaneLimits.MaxTracked) return;
            _groups[key] = group = new GroupState();
        }
        // A hello can arrive before the periodic check noticed that the Active's hold time ran out; decide on what
        // the routers on the segment know by now.
        CheckGroup(key, group, timestampNs, events);

        if (!group.Routers.TryGetValue(source, out var router))
        {
            if (_routers >= ControlPlaneLimits.MaxTracked || group.Routers.Count >= MaxRoutersPerGroup) return;
            group.Routers[source] = router = new RouterState { State = HsrpState.Initial };
            _routers++;
        }
        var previous = router.State;
        router.Priority = message.Priority;
        router.Version = message.Version;
        router.HoldMs = message.HoldMs;
        router.LastNs = timestampNs;
        if (message.VirtualAddress is not null) router.VirtualAddress = message.VirtualAddress;

        switch (message.OpCode)
        {
            case HsrpOpCode.Coup:
                // The sender wants to be Active; the Active answers by dropping to Speak, then the sender says Active.
                router.CoupNs = timestampNs;
                return;
            case HsrpOpCode.Resign:
                if (source.Equals(group.Active))
                {
                    group.Active = null;
                    group.LastLoss = $"previous active {source} resigned";
                    events.Add(Event(timestampNs, EventKind.HsrpStandby, Severity.Notice, key, source, router,
                        $"active {source} resigned", null, null));
                }
                router.State = HsrpState.Initial;
                return;
        }

        router.State = message.State;
        if (message.State == HsrpState.Active)
        {
            OnActiveClaim(timestampNs, key, group, source, router, previous, events);
            return;
        }
        if (source.Equals(group.Active))
        {
            // The Active steps down: to Standby (preempted) or to Speak (after a coup) — one event either way.
            group.Active = null;
            string? coup = CoupBy(group, source, timestampNs);
            group.LastLoss = $"previous active {source} left active" + (coup is null ? "" : $" after a coup by {coup}");
            events.Add(Event(timestampNs, EventKind.HsrpStandby, Severity.Notice, key, source, router,
                $"{source} is no longer active (now {Name(message.State)}" + (coup is null ? ")" : $", after a coup by {coup})"),
                "previous_state=active", coup is null ? null : $"coup_by={coup}"));
            return;
        }
        if (message.State == HsrpState.Standby && previous != HsrpState.Standby)
            events.Add(Event(timestampNs, EventKind.HsrpStandby, Severity.Notice, key, source, router,
                $"{source} is standby (priority {router.Priority})", $"previous_state={Name(previous)}", null));
    }

    private void OnActiveClaim(long ts, (short Vlan, byte Family, ushort Group) key, GroupState group, IPAddress source, RouterState router,
        HsrpState previous, List<CaptureEvent> events)
    {
        if (source.Equals(group.Active)) return;
        if (group.Active is null)
        {
            events.Add(Event(ts, EventKind.HsrpActive, Severity.Notice, key, source, router,
                $"{source} is active (priority {router.Priority}, {group.LastLoss ?? "first hello as active"})",
                $"previous_state={Name(previous)}", null));
            group.Active = source;
            return;
        }

        var old = group.Active;
        var current = group.Routers[old];
        bool coup = router.CoupNs != long.MinValue && ts - router.CoupNs <= router.HoldMs * 1_000_000L;
        bool wins = router.Priority > current.Priority || router.Priority == current.Priority && Compare(source, old) > 0;
        if (!coup && !wins)
        {
            // Two Actives: the old one keeps the group by the election rules; say so once per claim, not per hello.
            if (previous != HsrpState.Active)
                events.Add(Event(ts, EventKind.Generic, Severity.Warning, key, source, router,
                    $"{source} (priority {router.Priority}) claims active while {old} (priority {current.Priority}) is active",
                    $"active={old} active_priority={current.Priority}", null));
            return;
        }

        // A new Active without the previous one having resigned or stepped down first: after a coup that is the
        // protocol (the Speak hello may simply come later); without one, the old Active may still be forwarding.
        var severity = coup ? Severity.Notice : Severity.Warning;
        string why = coup ? $"coup by {source}" : $"{source} took over without {old} resigning";
        events.Add(Event(ts, EventKind.HsrpStandby, severity, key, old, current,
            $"{old} is no longer active ({why})", $"new_active={source}", null));
        current.State = HsrpState.Initial;
        events.Add(Event(ts, EventKind.HsrpActive, severity, key, source, router,
            $"{source} is active (priority {router.Priority}, " + (coup ? $"after a coup; previous active {old})" : $"took over from {old}, which had not resigned)"),
            $"previous_state={Name(previous)} previous={old} previous_priority={current.Priority}", null));
        group.Active = source;
    }

    /// <summary>Reports Active and Standby routers that sent no hello for their hold time by <paramref name="nowNs"/>.</summary>
    public void CheckSilence(long nowNs, List<CaptureEvent> events)
    {
        foreach (var (key, group) in _groups)
        {
            CheckGroup(key, group, nowNs, events);
            if (group.Routers.Count == 0) _groups.Remove(key); // everyone fell silent: nothing left to follow
        }
    }

    private void CheckGroup((short Vlan, byte Family, ushort Group) key, GroupState group, long nowNs, List<CaptureEvent> events)
    {
        List<IPAddress>? silent = null;
        foreach (var (address, r) in group.Routers)
        {
            long holdNs = r.HoldMs * 1_000_000L;
            if (nowNs - r.LastNs <= holdNs) continue;
            (silent ??= []).Add(address);
            long at = r.LastNs + holdNs;
            if (address.Equals(group.Active))
            {
                group.Active = null;
                group.LastLoss = $"previous active {address} silent";
                events.Add(Event(at, EventKind.HsrpStandby, Severity.Warning, key, address, r,
                    $"active {address} silent (no hello for its hold time of {r.HoldMs / 1000.0:0.###} s)", null, null));
            }
            else if (r.State == HsrpState.Standby)
            {
                events.Add(Event(at, EventKind.Generic, Severity.Warning, key, address, r,
                    $"standby {address} silent (no hello for its hold time of {r.HoldMs / 1000.0:0.###} s); the group has no standby", null, null));
            }
        }
        if (silent is null) return;
        foreach (var address in silent) group.Routers.Remove(address);
        _routers -= silent.Count;
    }

    private static string? CoupBy(GroupState group, IPAddress active, long ts)
    {
        foreach (var (address, r) in group.Routers)
            if (!address.Equals(active) && r.CoupNs != long.MinValue && ts - r.CoupNs <= r.HoldMs * 1_000_000L)
                return address.ToString();
        return null;
    }

    private static CaptureEvent Event(long ts, EventKind kind, Severity severity, (short Vlan, byte Family, ushort Group) key, IPAddress router,
        RouterState r, string what, string? extra, string? extra2)
    {
        var d = $"group={key.Group} version={r.Version} router={router} state={Name(r.State)} priority={r.Priority} hold_ms={r.HoldMs}";
        if (r.VirtualAddress is not null) d += $" vip={r.VirtualAddress}";
        if (key.Vlan >= 0) d += $" vlan={key.Vlan}";
        if (extra is not null) d += " " + extra;
        if (extra2 is not null) d += " " + extra2;
        return new CaptureEvent(ts, kind, severity, router, null, $"HSRP group {key.Group}: {what}", d);
    }

    private static string Name(HsrpState state) => state switch
    {
        HsrpState.Initial => "initial",
        HsrpState.Learn => "learn",
        HsrpState.Listen => "listen",
        HsrpState.Speak => "speak",
        HsrpState.Standby => "standby",
        _ => "active",
    };

    private static int Compare(IPAddress a, IPAddress b)
    {
        Span<byte> x = stackalloc byte[16], y = stackalloc byte[16];
        a.TryWriteBytes(x, out int nx);
        b.TryWriteBytes(y, out int ny);
        return x[..nx].SequenceCompareTo(y[..ny]);
    }
}
