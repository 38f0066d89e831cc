namespace NetOps.Collector.Snmp;

/// <summary>The IF-MIB (RFC 2863) and SNMPv2-MIB objects the poller reads.</summary>
public static class IfMib
{
    public static readonly Oid SysUpTime0 = Oid.Parse("1.3.6.1.2.1.1.3.0");

    /// <summary>sysUpTime without its instance: what a GETBULK non-repeater names to get sysUpTime.0 (it is a get-next).</summary>
    public static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3");

    public static readonly Oid IfIndex = Oid.Parse("1.3.6.1.2.1.2.2.1.1");
    public static readonly Oid IfDescr = Oid.Parse("1.3.6.1.2.1.2.2.1.2");
    public static readonly Oid IfOperStatus = Oid.Parse("1.3.6.1.2.1.2.2.1.8");
    public static readonly Oid IfInOctets = Oid.Parse("1.3.6.1.2.1.2.2.1.10");
    public static readonly Oid IfInErrors = Oid.Parse("1.3.6.1.2.1.2.2.1.14");
    public static readonly Oid IfOutOctets = Oid.Parse("1.3.6.1.2.1.2.2.1.16");
    public static readonly Oid IfOutErrors = Oid.Parse("1.3.6.1.2.1.2.2.1.20");
    public static readonly Oid IfName = Oid.Parse("1.3.6.1.2.1.31.1.1.1.1");
    public static readonly Oid IfHCInOctets = Oid.Parse("1.3.6.1.2.1.31.1.1.1.6");
    public static readonly Oid IfHCOutOctets = Oid.Parse("1.3.6.1.2.1.31.1.1.1.10");
    public static readonly Oid IfHighSpeed = Oid.Parse("1.3.6.1.2.1.31.1.1.1.15");
    public static readonly Oid IfAlias = Oid.Parse("1.3.6.1.2.1.31.1.1.1.18");

    /// <summary>The columns one poll walks, in request order.</summary>
    public static readonly IReadOnlyList<Oid> Columns =
        [IfName, IfDescr, IfAlias, IfOperStatus, IfHCInOctets, IfHCOutOctets, IfInOctets, IfOutOctets, IfInErrors, IfOutErrors, IfHighSpeed];
}
