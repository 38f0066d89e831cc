namespace NetOps.Collector.Snmp;

/// <summary>
/// What the trap port made of one v3 datagram: a trap or inform (with the Response to send for an inform), a Report
/// to send (engine ID discovery, a clock out of the window), or a refusal (<see cref="Outcome"/>, with its reason).
/// </summary>
public sealed record SnmpV3Receipt(SnmpTrapOutcome Outcome, string Reason, SnmpTrap? Trap = null, byte[]? Reply = null);
