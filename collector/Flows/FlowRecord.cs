namespace NetOps.Collector.Flows;

/// <summary>
/// One flow as exported by a router (NetFlow v5/v9 or IPFIX), normalised to the fields NetOps uses. A value type:
/// decoders fill spans of these without allocating.
/// </summary>
public struct FlowRecord
{
    public FlowAddress Source;
    public FlowAddress Destination;
    public ushort SourcePort;
    public ushort DestinationPort;
    /// <summary>IP protocol number (6 TCP, 17 UDP, 1 ICMP, …).</summary>
    public byte Protocol;
    /// <summary>OR of the TCP flags seen in the flow.</summary>
    public byte TcpFlags;
    /// <summary>0 ingress, 1 egress (IPFIX flowDirection / NetFlow v9 DIRECTION), 255 unknown.</summary>
    public byte Direction;
    public uint InputInterface;
    public uint OutputInterface;
    public ulong Packets;
    public ulong Bytes;
    /// <summary>Flow start and end, ns since the Unix epoch (UTC); 0 when the export did not say.</summary>
    public long StartNs;
    public long EndNs;

    public const byte DirectionUnknown = 255;
}
