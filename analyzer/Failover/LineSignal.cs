using NetOps.Core.Events;

namespace NetOps.Analyzer.Failover;

/// <summary>One fact about one line of a site, from an event or a traffic figure, in the data's time.</summary>
/// <param name="Source">The event kind (<c>link_down</c>, <c>vrrp_master</c>, …), <c>flow</c> or <c>snmp</c>.</param>
/// <param name="Bytes">Traffic: the bytes of the window; health: the larger of the interface's in and out octets in the poll interval.</param>
/// <param name="Errors">Health: in and out errors in the poll interval (NaN when the device does not count them).</param>
/// <param name="SpeedBitsPerSecond">Health: the interface's speed (0 when unknown).</param>
/// <param name="Seconds">Health: the poll interval the octets and errors are counted over (0 when unknown: the first poll).</param>
public sealed record LineSignal(
    DateTimeOffset Time, string Site, LineRole Line, SignalKind Kind, string Source, string? Device = null, string? Detail = null, double Bytes = 0,
    double Errors = 0, double SpeedBitsPerSecond = 0, double Seconds = 0);
