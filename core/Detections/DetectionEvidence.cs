namespace NetOps.Core.Detections;

/// <summary>
/// One fact a detection rests on, so a person can see why it fired: an event (<see cref="Source"/> <c>event</c>, kind
/// e.g. <c>link_down</c>), a traffic figure (<c>flow</c>, <c>packets</c>, <c>firewall</c>), a feature point
/// (<c>feature</c>) or a baseline comparison (<c>baseline</c>).
/// </summary>
/// <param name="Time">When the fact was observed (UTC).</param>
/// <param name="Source">Where it comes from: event, flow, packets, firewall, feature, baseline, interface.</param>
/// <param name="Kind">The event kind or the figure's name (e.g. <c>bytes</c>, <c>syn</c>, <c>distinct_ports</c>).</param>
/// <param name="Device">The device it was seen on, when there is one.</param>
/// <param name="Line">primary, backup or none.</param>
/// <param name="Detail">A short human-readable text (the syslog message, "1,024 ports from 192.0.2.7").</param>
/// <param name="Value">The figure, when the fact is a number.</param>
public sealed record DetectionEvidence(
    DateTimeOffset Time,
    string Source,
    string Kind,
    string? Device = null,
    string? Line = null,
    string? Detail = null,
    double? Value = null);
