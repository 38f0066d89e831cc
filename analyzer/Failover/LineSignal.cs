using NetOps.Core.Events;

namespace NetOps.Analyzer.Failover;

/// <summary>One fact about one line of a site, from an event or a traffic figure, in the data's time.</summary>
/// <param name="Source">The event kind (<c>link_down</c>, <c>vrrp_master</c>, …) or <c>flow</c>.</param>
public sealed record LineSignal(DateTimeOffset Time, string Site, LineRole Line, SignalKind Kind, string Source, string? Device = null, string? Detail = null, double Bytes = 0);
