namespace NetOps.Collector.Capture;

/// <summary>
/// What the dissector found in one frame: offsets into the frame rather than copies, so that dissection allocates
/// nothing. Offsets are valid only for the frame that was dissected.
/// </summary>
public struct PacketInfo
{
    /// <summary>4, 6, or 0 when the frame carries no IP packet.</summary>
    public byte IpVersion;
    /// <summary>IP protocol of the transport (after IPv6 extension headers).</summary>
    public byte Protocol;
    public PacketProto Proto;
    /// <summary>TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10); 0 when not TCP.</summary>
    public byte TcpFlags;
    /// <summary>Outer 802.1Q VLAN id, or -1.</summary>
    public short Vlan;
    /// <summary>True for a non-first IP fragment: there is no transport header.</summary>
    public bool Fragment;
    public int SourceOffset;
    public int DestinationOffset;
    /// <summary>4 or 16.</summary>
    public int AddressLength;
    public ushort SourcePort;
    public ushort DestinationPort;
    /// <summary>Offset and length of the transport payload (after the TCP/UDP header, or the whole IP payload for others), within the captured bytes and the IP length.</summary>
    public int PayloadOffset;
    public int PayloadLength;

    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Ack = 0x10;

    public readonly bool IsSyn => (TcpFlags & (Syn | Ack)) == Syn;
    public readonly bool IsSynAck => (TcpFlags & (Syn | Ack)) == (Syn | Ack);
    public readonly bool IsRst => (TcpFlags & Rst) != 0;
}
