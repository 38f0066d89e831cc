namespace NetOps.Analyzer.Failover;

/// <summary>What a signal says about one line of a site.</summary>
public enum SignalKind
{
    /// <summary>The line or its routing went down (link, line protocol, BGP, OSPF, tunnel).</summary>
    LineDown,
    LineUp,
    /// <summary>The router on this line became the gateway (VRRP master, HSRP active).</summary>
    BecameMaster,
    /// <summary>The router on this line stopped being the gateway (VRRP backup, HSRP standby).</summary>
    LostMaster,
    /// <summary>Bytes the line carried in one traffic window ending at the signal's time.</summary>
    Traffic,
    /// <summary>
    /// The line's interface counters polled by SNMP (an <c>interface</c> point, oper status up): errors and octets in
    /// the poll interval ending at the signal's time, and the interface's speed; for degraded (erroring, saturated).
    /// </summary>
    Health,
}
