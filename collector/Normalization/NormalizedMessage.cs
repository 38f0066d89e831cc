using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>
/// What a vendor normaliser makes of one line: an event (kind, severity, message, detail) or a firewall
/// traffic record (action), plus whatever the line says about where it came from.
/// </summary>
public sealed record NormalizedMessage
{
    public NormalizedType Type { get; init; }
    /// <summary>Vendor that recognised it: cisco, juniper, fortigate, paloalto, yamaha, generic.</summary>
    public required string Vendor { get; init; }
    public EventKind Kind { get; init; }
    /// <summary>Severity override; null keeps the PRI severity.</summary>
    public Severity? Severity { get; init; }
    /// <summary>For <see cref="NormalizedType.Firewall"/>: permit or deny.</summary>
    public FirewallAction Action { get; init; }
    /// <summary>Interface the event is about (<c>GigabitEthernet0/1</c>, <c>ge-0/0/1</c>, <c>PP[01]</c>), if any; maps to the site's line.</summary>
    public string? Interface { get; init; }
    /// <summary>A device name carried inside the message (FortiGate <c>devname</c>, PAN-OS serial/host), if any.</summary>
    public string? DeviceName { get; init; }
    /// <summary>Short human message, e.g. <c>Interface GigabitEthernet0/1 down</c>.</summary>
    public string Message { get; init; } = "";
    /// <summary>Key facts as <c>key=value</c> pairs separated by spaces (peer, user, source address, state…).</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// True for a line the vendor normaliser recognised that adds no new fact: the other half of a firewall
    /// session that is counted from its other log (a FortiGate or PAN-OS session <c>start</c> log, a Junos
    /// <c>RT_FLOW_SESSION_CLOSE</c>). Such a line is an <see cref="NormalizedType.Event"/> of kind
    /// <see cref="EventKind.Generic"/> so that a consumer that ignores this flag stores it rather than
    /// counts it twice; the pipeline may count it as parsed and write nothing.
    /// </summary>
    public bool Redundant { get; init; }
}
