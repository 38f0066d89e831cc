namespace NetOps.Core.Events;

/// <summary>InfluxDB measurement names (DESIGN.md, "InfluxDB contract").</summary>
public static class Measurements
{
    public const string Interface = "interface";
    public const string Flow = "flow";
    public const string Packets = "packets";
    public const string Firewall = "firewall";
    public const string Event = "event";
    public const string Detection = "detection";
    public const string Delivery = "delivery";

    /// <summary>
    /// Per-source scan features, top N sources per site and window (tags site and rank; fields src, ports, hosts,
    /// syns, packets): what the attack detectors need and InfluxDB does not hold raw.
    /// </summary>
    public const string ScanTop = "scan_top";

    /// <summary>Site code for senders the inventory does not know.</summary>
    public const string UnknownSite = "unknown";

    /// <summary>Site code of the national centre.</summary>
    public const string NationalCentre = "000000";
}
