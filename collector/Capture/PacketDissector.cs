using System.Buffers.Binary;

namespace NetOps.Collector.Capture;

/// <summary>
/// The per-packet hot path: link layer (Ethernet with 802.1Q/QinQ, PPPoE, MPLS; Linux cooked v1/v2; raw IP; BSD
/// loopback), IPv4/IPv6 (extension headers bounded) and the TCP/UDP header. Reads spans only, checks every length,
/// never throws and allocates nothing.
/// </summary>
public static class PacketDissector
{
    /// <summary>VLAN tags and MPLS labels read before giving up (crafted stacks cannot make us loop).</summary>
    public const int MaxTags = 8;

    /// <summary>IPv6 extension headers read before giving up.</summary>
    public const int MaxExtensionHeaders = 8;

    public static PacketOutcome Dissect(ReadOnlySpan<byte> frame, int linkType, out PacketInfo info)
    {
        info = default;
        info.Vlan = -1;
        info.Proto = PacketProto.Other;
        int offset;
        ushort etherType;
        switch (linkType)
        {
            case LinkTypes.Ethernet:
                if (frame.Length < 14) return PacketOutcome.Truncated;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
                offset = 14;
                return EtherPayload(frame, offset, etherType, ref info);
            case LinkTypes.LinuxSll:
                if (frame.Length < 16) return PacketOutcome.Truncated;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                return EtherPayload(frame, 16, etherType, ref info);
            case LinkTypes.LinuxSll2:
                if (frame.Length < 20) return PacketOutcome.Truncated;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame);
                return EtherPayload(frame, 20, etherType, ref info);
            case LinkTypes.Raw or LinkTypes.RawAlt12 or LinkTypes.RawAlt14:
                return IpByVersion(frame, 0, ref info);
            case LinkTypes.Ipv4:
                return Ipv4(frame, 0, ref info);
            case LinkTypes.Ipv6:
                return Ipv6(frame, 0, ref info);
            case LinkTypes.Null or LinkTypes.Loop:
                if (frame.Length < 4) return PacketOutcome.Truncated;
                // The address family is in the capturing host's byte order; the IP version nibble is unambiguous.
                return IpByVersion(frame, 4, ref info);
            default:
                return PacketOutcome.Unknown;
        }
    }

    private static PacketOutcome EtherPayload(ReadOnlySpan<byte> frame, int offset, ushort etherType, ref PacketInfo info)
    {
        for (int tags = 0; ; tags++)
        {
            switch (etherType)
            {
                case 0x0800:
                    return Ipv4(frame, offset, ref info);
                case 0x86DD:
                    return Ipv6(frame, offset, ref info);
                case 0x8100 or 0x88A8 or 0x9100 or 0x9200:
                    if (tags >= MaxTags) return PacketOutcome.Malformed;
                    if ((uint)frame.Length < (uint)offset + 4) return PacketOutcome.Truncated;
                    if (info.Vlan < 0) info.Vlan = (short)(BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]) & 0x0FFF);
                    etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
                    offset += 4;
                    continue;
                case 0x8864: // PPPoE session: 6-byte header, then a 2-byte PPP protocol
                    if ((uint)frame.Length < (uint)offset + 8) return PacketOutcome.Truncated;
                    ushort ppp = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
                    offset += 8;
                    return ppp switch
                    {
                        0x0021 => Ipv4(frame, offset, ref info),
                        0x0057 => Ipv6(frame, offset, ref info),
                        _ => PacketOutcome.Unknown,
                    };
                case 0x8847 or 0x8848: // MPLS: labels until bottom of stack, then IP by its version nibble
                    for (int labels = 0; ; labels++)
                    {
                        if (labels >= MaxTags) return PacketOutcome.Malformed;
                        if ((uint)frame.Length < (uint)offset + 4) return PacketOutcome.Truncated;
                        bool bottom = (frame[offset + 2] & 0x01) != 0;
                        offset += 4;
                        if (bottom) break;
                    }
                    return IpByVersion(frame, offset, ref info);
                default:
                    return PacketOutcome.Unknown;
            }
        }
    }

    private static PacketOutcome IpByVersion(ReadOnlySpan<byte> frame, int offset, ref PacketInfo info)
    {
        if ((uint)offset >= (uint)frame.Length) return PacketOutcome.Truncated;
        return (frame[offset] >> 4) switch
        {
            4 => Ipv4(frame, offset, ref info),
            6 => Ipv6(frame, offset, ref info),
            _ => PacketOutcome.Unknown,
        };
    }

    private static PacketOutcome Ipv4(ReadOnlySpan<byte> frame, int offset, ref PacketInfo info)
    {
        if ((uint)frame.Length < (uint)offset + 20) return PacketOutcome.Truncated;
        var ip = frame[offset..];
        if (ip[0] >> 4 != 4) return PacketOutcome.Malformed;
        int headerLength = (ip[0] & 0x0F) * 4;
        if (headerLength < 20) return PacketOutcome.Malformed;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        // TSO/GRO captures carry 0 in the total length; trust the captured bytes then.
        if (totalLength == 0) totalLength = ip.Length;
        else if (totalLength < headerLength) return PacketOutcome.Malformed;
        if (ip.Length < headerLength) return PacketOutcome.Truncated;
        info.IpVersion = 4;
        info.Protocol = ip[9];
        info.Proto = PacketProtos.FromIpProtocol(info.Protocol);
        info.SourceOffset = offset + 12;
        info.DestinationOffset = offset + 16;
        info.AddressLength = 4;
        int fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1FFF;
        int available = Math.Min(totalLength, ip.Length) - headerLength;
        if (fragmentOffset != 0)
        {
            info.Fragment = true;
            info.PayloadOffset = offset + headerLength;
            info.PayloadLength = available;
            return PacketOutcome.Dissected;
        }
        return Transport(frame, offset + headerLength, available, totalLength > ip.Length, ref info);
    }

    private static PacketOutcome Ipv6(ReadOnlySpan<byte> frame, int offset, ref PacketInfo info)
    {
        if ((uint)frame.Length < (uint)offset + 40) return PacketOutcome.Truncated;
        var ip = frame[offset..];
        if (ip[0] >> 4 != 6) return PacketOutcome.Malformed;
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (payloadLength == 0) payloadLength = ip.Length - 40; // jumbogram or offloaded: trust the capture
        info.IpVersion = 6;
        info.SourceOffset = offset + 8;
        info.DestinationOffset = offset + 24;
        info.AddressLength = 16;
        byte next = ip[6];
        int pos = 40;
        int end = 40 + payloadLength;
        bool cut = end > ip.Length;
        int limit = Math.Min(end, ip.Length);
        for (int i = 0; ; i++)
        {
            switch (next)
            {
                case 0 or 43 or 60 or 135 or 139 or 140: // hop-by-hop, routing, destination options, mobility, HIP, shim6
                case 51: // AH: length in 4-byte units minus 2
                case 44: // fragment: fixed 8 bytes
                    if (i >= MaxExtensionHeaders) return PacketOutcome.Malformed;
                    if (pos + 8 > limit) return cut ? PacketOutcome.Truncated : PacketOutcome.Malformed;
                    int length = next switch
                    {
                        44 => 8,
                        51 => (ip[pos + 1] + 2) * 4,
                        _ => (ip[pos + 1] + 1) * 8,
                    };
                    if (next == 44 && (BinaryPrimitives.ReadUInt16BigEndian(ip[(pos + 2)..]) & 0xFFF8) != 0)
                    {
                        info.Protocol = ip[pos];
                        info.Proto = PacketProtos.FromIpProtocol(info.Protocol);
                        info.Fragment = true;
                        info.PayloadOffset = offset + pos + 8;
                        info.PayloadLength = Math.Max(0, limit - pos - 8);
                        return PacketOutcome.Dissected;
                    }
                    next = ip[pos];
                    pos += length;
                    if (pos > end) return PacketOutcome.Malformed;
                    if (pos > ip.Length) return PacketOutcome.Truncated;
                    continue;
                default:
                    info.Protocol = next;
                    info.Proto = PacketProtos.FromIpProtocol(next);
                    return Transport(frame, offset + pos, limit - pos, cut, ref info);
            }
        }
    }

    /// <param name="available">Transport bytes present, within both the capture and the IP length.</param>
    /// <param name="cut">True when the capture holds less than the IP length says (snap length).</param>
    private static PacketOutcome Transport(ReadOnlySpan<byte> frame, int offset, int available, bool cut, ref PacketInfo info)
    {
        switch (info.Protocol)
        {
            case 6:
                if (available < 20) return cut ? PacketOutcome.Truncated : PacketOutcome.Malformed;
                var tcp = frame.Slice(offset, available);
                info.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
                info.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]);
                info.TcpFlags = tcp[13];
                int dataOffset = (tcp[12] >> 4) * 4;
                if (dataOffset < 20) return PacketOutcome.Malformed;
                if (dataOffset > available) return cut ? PacketOutcome.Truncated : PacketOutcome.Malformed;
                info.PayloadOffset = offset + dataOffset;
                info.PayloadLength = available - dataOffset;
                return PacketOutcome.Dissected;
            case 17:
                if (available < 8) return cut ? PacketOutcome.Truncated : PacketOutcome.Malformed;
                info.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                info.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
                info.PayloadOffset = offset + 8;
                info.PayloadLength = available - 8;
                return PacketOutcome.Dissected;
            default:
                info.PayloadOffset = offset;
                info.PayloadLength = Math.Max(0, available);
                return PacketOutcome.Dissected;
        }
    }
}
