namespace NetOps.Core.Events;

/// <summary>
/// The closed set of network event kinds (the <c>event.kind</c> tag). The tag value is the snake_case name
/// given by <see cref="EventKinds.ToTag(EventKind)"/>.
/// </summary>
public enum EventKind
{
    /// <summary>A message no normaliser recognised; stored so nothing is lost.</summary>
    Generic,
    LinkDown,
    LinkUp,
    BgpDown,
    BgpUp,
    VrrpMaster,
    VrrpBackup,
    OspfDown,
    OspfUp,
    FwDeny,
    AuthFail,
    AuthSuccess,
    ConfigChange,
    TunnelDown,
    TunnelUp,
    Threat,
    HaChange,
    System,
    /// <summary>A router became the Active router of an HSRP group (it forwards for the virtual address).</summary>
    HsrpActive,
    /// <summary>A router became Standby of an HSRP group, or the Active router stopped being Active (resigned, displaced, silent).</summary>
    HsrpStandby,
    /// <summary>A device stopped answering its SNMP polls (no answer after the retries, an error, or its credential refused).</summary>
    SnmpDown,
    /// <summary>A device that had stopped answering its SNMP polls answers again.</summary>
    SnmpUp,
}

/// <summary>Tag values of <see cref="EventKind"/>.</summary>
public static class EventKinds
{
    private static readonly string[] Tags =
    [
        "generic", "link_down", "link_up", "bgp_down", "bgp_up", "vrrp_master", "vrrp_backup",
        "ospf_down", "ospf_up", "fw_deny", "auth_fail", "auth_success", "config_change",
        "tunnel_down", "tunnel_up", "threat", "ha_change", "system", "hsrp_active", "hsrp_standby",
        "snmp_down", "snmp_up",
    ];

    /// <summary>The <c>kind</c> tag value, e.g. <c>link_down</c>.</summary>
    public static string ToTag(this EventKind kind) => Tags[(int)kind];

    /// <summary>Parses a <c>kind</c> tag value.</summary>
    public static bool TryParse(string tag, out EventKind kind)
    {
        int i = Array.IndexOf(Tags, tag);
        kind = i < 0 ? EventKind.Generic : (EventKind)i;
        return i >= 0;
    }
}
