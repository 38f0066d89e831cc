using System.Buffers.Binary;
using System.Net;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>
/// A test-only reader of the shared flow captures: classic pcap (µs or ns) and pcapng Enhanced/Simple Packet Blocks,
/// Ethernet (with 802.1Q tags), IPv4 (unfragmented), UDP. Anything else is skipped.
/// </summary>
public static class PcapUdpReader
{
    public static List<UdpDatagram> Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var result = new List<UdpDatagram>();
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (magic == 0x0A0D0D0A) ReadPcapng(data, result);
        else ReadPcap(data, result);
        return result;
    }

    private static void ReadPcap(byte[] data, List<UdpDatagram> result)
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        bool little = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        bool nano = magic is 0xA1B23C4D or 0x4D3CB2A1;
        uint U32(int o) => little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(o)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(o));
        uint linkType = U32(20);
        int offset = 24;
        while (offset + 16 <= data.Length)
        {
            long ts = U32(offset) * 1_000_000_000L + U32(offset + 4) * (nano ? 1L : 1000L);
            int captured = (int)U32(offset + 8);
            offset += 16;
            if (captured > data.Length - offset) break;
            if (linkType == 1) Ethernet(data.AsSpan(offset, captured), ts, result);
            offset += captured;
        }
    }

    private static void ReadPcapng(byte[] data, List<UdpDatagram> result)
    {
        int offset = 0;
        bool little = true;
        var linkTypes = new List<ushort>();
        while (offset + 12 <= data.Length)
        {
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
            if (type == 0x0A0D0D0A) little = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 8)) == 0x1A2B3C4D;
            uint U32(int o) => little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(o)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(o));
            type = U32(offset);
            int length = (int)U32(offset + 4);
            if (length < 12 || length > data.Length - offset) break;
            if (type == 0x0A0D0D0A) linkTypes.Clear();
            else if (type == 1) linkTypes.Add(little ? BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 8)) : BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset + 8)));
            else if (type == 6)
            {
                int iface = (int)U32(offset + 8);
                long ts = ((long)U32(offset + 12) << 32 | U32(offset + 16)) * 1000; // default if_tsresol: µs
                int captured = (int)U32(offset + 20);
                if (iface < linkTypes.Count && linkTypes[iface] == 1 && captured <= length - 32)
                    Ethernet(data.AsSpan(offset + 28, captured), ts, result);
            }
            offset += length;
        }
    }

    private static void Ethernet(ReadOnlySpan<byte> frame, long ts, List<UdpDatagram> result)
    {
        if (frame.Length < 14) return;
        int pos = 12;
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[pos..]);
        while (etherType is 0x8100 or 0x88A8 && frame.Length >= pos + 6)
        {
            pos += 4;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[pos..]);
        }
        pos += 2;
        if (etherType != 0x0800 || frame.Length < pos + 20) return;
        var ip = frame[pos..];
        int ihl = (ip[0] & 0x0F) * 4;
        int total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (ip[9] != 17 || ihl < 20 || total > ip.Length || total < ihl + 8) return;
        var source = new IPAddress(ip.Slice(12, 4));
        var udp = ip[ihl..total];
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        if (udpLength < 8 || udpLength > udp.Length) return;
        result.Add(new UdpDatagram(source, BinaryPrimitives.ReadUInt16BigEndian(udp), BinaryPrimitives.ReadUInt16BigEndian(udp[2..]), ts,
            udp[8..udpLength].ToArray()));
    }
}
