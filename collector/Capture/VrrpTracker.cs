using System.Net;
using NetOps.Core.Events;

namespace NetOps.Collector.Capture;

/// <summary>
/// Follows the master of each virtual router (VLAN, address family, VRID) from its advertisements, in packet time:
/// <list type="bullet">
/// <item>the first advert of a virtual router, an advert from a new source with a higher priority (or equal priority
/// and higher address: RFC 9568's tie-break), or any advert after the master fell silent → <c>vrrp_master</c> for
/// the new master, and <c>vrrp_backup</c> for the one it replaced;</item>
/// <item>the master's priority changes → a <c>generic</c> event; priority 0 (the master resigns) → <c>vrrp_backup</c>;</item>
/// <item>no advert from the master for the Master_Down_Interval (3 × interval + skew, skew = (256 − priority) ×
/// interval / 256) → <c>vrrp_backup</c>, warning, "master silent", stamped when that interval ran out.</item>
/// </list>
/// A lower-priority advert while the master is alive does not change the master (only masters advertise; it is a
/// transient of the election). Not thread-safe: one pipeline owns it.
/// </summary>
public sealed class VrrpTracker
{
    private readonly Dictionary<(short Vlan, byte Family, byte Vrid), State> _routers = [];

    private sealed class State
    {
        public required IPAddress Master;
        public byte Priority;
        public byte Version;
        public int IntervalCs;
        public long LastNs;
        public bool Silent;
    }

    public int Count => _routers.Count;

    public void OnAdvert(long timestampNs, short vlan, IPAddress source, IPAddress destination, in VrrpAdvert advert, List<CaptureEvent> events)
    {
        var key = (vlan, (byte)source.AddressFamily, advert.VirtualRouterId);
        if (!_routers.TryGetValue(key, out var state))
        {
            if (_routers.Count >= ControlPlaneLimits.MaxTracked) return;
            if (advert.Priority == 0) return; // a resignation of a master we never saw
            _routers[key] = new State { Master = source, Priority = advert.Priority, Version = advert.Version, IntervalCs = advert.IntervalCentiseconds, LastNs = timestampNs };
            events.Add(Master(timestampNs, vlan, source, destination, advert, null, "first advertisement"));
            return;
        }

        if (state.Master.Equals(source))
        {
            if (state.Silent)
            {
                state.Silent = false;
                events.Add(Master(timestampNs, vlan, source, destination, advert, null, "resumed advertising"));
            }
            else if (advert.Priority == 0)
            {
                state.Silent = true; // the next advert, from whoever, is the new master
                events.Add(new CaptureEvent(timestampNs, EventKind.VrrpBackup, Severity.Notice, source, null,
                    $"VRRP vrid {advert.VirtualRouterId}: master {source} resigned (priority 0)",
                    Detail(vlan, advert, source, null, null, $"previous_priority={state.Priority}")));
            }
            else if (advert.Priority != state.Priority)
            {
                events.Add(new CaptureEvent(timestampNs, EventKind.Generic, Severity.Notice, source, null,
                    $"VRRP vrid {advert.VirtualRouterId}: master {source} priority {state.Priority} -> {advert.Priority}",
                    Detail(vlan, advert, source, null, null, $"previous_priority={state.Priority}")));
            }
            state.Priority = advert.Priority == 0 ? state.Priority : advert.Priority;
            state.IntervalCs = advert.IntervalCentiseconds;
            state.LastNs = timestampNs;
            return;
        }

        bool takesOver = state.Silent
            || advert.Priority > state.Priority
            || advert.Priority == state.Priority && Compare(source, state.Master) > 0;
        if (!takesOver || advert.Priority == 0) return;

        var old = state.Master;
        if (!state.Silent)
        {
            events.Add(new CaptureEvent(timestampNs, EventKind.VrrpBackup, Severity.Notice, old, null,
                $"VRRP vrid {advert.VirtualRouterId}: {old} is no longer master; {source} (priority {advert.Priority}) took over from priority {state.Priority}",
                $"vrid={advert.VirtualRouterId} version={advert.Version} master={source} priority={advert.Priority} previous={old} previous_priority={state.Priority}" + (vlan >= 0 ? $" vlan={vlan}" : "")));
        }
        events.Add(Master(timestampNs, vlan, source, destination, advert, old,
            state.Silent ? "previous master silent" : $"preempted priority {state.Priority}"));
        state.Master = source;
        state.Priority = advert.Priority;
        state.Version = advert.Version;
        state.IntervalCs = advert.IntervalCentiseconds;
        state.LastNs = timestampNs;
        state.Silent = false;
    }

    /// <summary>Reports masters that have not advertised for their Master_Down_Interval by <paramref name="nowNs"/>.</summary>
    public void CheckSilence(long nowNs, List<CaptureEvent> events)
    {
        foreach (var ((vlan, _, vrid), s) in _routers)
        {
            if (s.Silent) continue;
            long intervalNs = s.IntervalCs * 10_000_000L;
            long downNs = 3 * intervalNs + (256 - s.Priority) * intervalNs / 256;
            if (nowNs - s.LastNs <= downNs) continue;
            s.Silent = true;
            events.Add(new CaptureEvent(s.LastNs + downNs, EventKind.VrrpBackup, Severity.Warning, s.Master, null,
                $"VRRP vrid {vrid}: master {s.Master} silent (no advertisement for {downNs / 1e9:0.###} s)",
                $"vrid={vrid} version={s.Version} master={s.Master} priority={s.Priority} interval_cs={s.IntervalCs} master_down_ms={downNs / 1_000_000}" + (vlan >= 0 ? $" vlan={vlan}" : "")));
        }
    }

    private static CaptureEvent Master(long ts, short vlan, IPAddress source, IPAddress destination, in VrrpAdvert a, IPAddress? previous, string why) =>
        new(ts, EventKind.VrrpMaster, Severity.Notice, source, null,
            $"VRRP vrid {a.VirtualRouterId}: {source} is master (priority {a.Priority}, {why})",
            Detail(vlan, a, source, "previous", previous, null));

    private static string Detail(short vlan, in VrrpAdvert a, IPAddress master, string? otherKey, IPAddress? other, string? extra)
    {
        var d = $"vrid={a.VirtualRouterId} version={a.Version} master={master} priority={a.Priority} interval_cs={a.IntervalCentiseconds}";
        if (other is not null) d += $" {otherKey}={other}";
        if (vlan >= 0) d += $" vlan={vlan}";
        if (extra is not null) d += " " + extra;
        return d;
    }

    private static int Compare(IPAddress a, IPAddress b)
    {
        Span<byte> x = stackalloc byte[16], y = stackalloc byte[16];
        a.TryWriteBytes(x, out int nx);
        b.TryWriteBytes(y, out int ny);
        return x[..nx].SequenceCompareTo(y[..ny]);
    }
}
