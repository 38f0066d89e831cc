namespace NetOps.Collector.Snmp;

/// <summary>What became of a datagram on the trap port (<c>netops_snmp_traps_total{outcome}</c>).</summary>
public enum SnmpTrapOutcome
{
    Received,
    /// <summary>Became an <c>event</c> point.</summary>
    Stored,
    /// <summary>Not a v2c trap or inform (bad BER, lengths, no snmpTrapOID.0); sampled to the log.</summary>
    Malformed,
    /// <summary>A well-formed message of a version or PDU the receiver does not take (v1 traps).</summary>
    Unsupported,
    /// <summary>v3: unauthenticated, an unknown user, a wrong digest, undecryptable or out of the time window; dropped.</summary>
    AuthFailed,
    /// <summary>
    /// v3, authenticated: from an older boot of its sender's engine, too far behind its clock, or a copy of a recent
    /// message (<see cref="SnmpV3ReplayGuard"/>); sampled to the log, never stored.
    /// </summary>
    Replayed,
    /// <summary>v3: a sender's engine ID discovery, answered with a Report.</summary>
    Discovery,
    /// <summary>The point writer's queue was full.</summary>
    Dropped,
}
