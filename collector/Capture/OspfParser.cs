using System.Buffers.Binary;

namespace NetOps.Collector.Capture;

/// <summary>Parses OSPF packets (IP protocol 89) on spans; only hellos are of interest. Never throws.</summary>
public static class OspfParser
{
    public const byte HelloType = 1;

    /// <summary>Reads the common header; true with <paramref name="type"/> for any well-formed OSPFv2/v3 packet.</summary>
    public static bool TryParseHello(ReadOnlySpan<byte> data, out OspfHello hello, out byte type)
    {
        hello = default;
        type = 0;
        if (data.Length < 16) return false;
        byte version = data[0];
        type = data[1];
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        int headerLength = version switch { 2 => 24, 3 => 16, _ => 0 };
        if (headerLength == 0 || length < headerLength || length > data.Length) return false;
        if (type is 0 or > 5) return false;
        if (type != HelloType) return true;
        var packet = data[..length]; // an MD5 trailer may follow the packet length
        uint routerId = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        uint area = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        var body = packet[headerLength..];
        int helloInterval, deadInterval, fixedLength;
        uint dr;
        if (version == 2)
        {
            fixedLength = 20;
            if (body.Length < fixedLength) return false;
            helloInterval = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
            deadInterval = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body[8..]), int.MaxValue);
            dr = BinaryPrimitives.ReadUInt32BigEndian(body[12..]);
        }
        else
        {
            fixedLength = 20;
            if (body.Length < fixedLength) return false;
            helloInterval = BinaryPrimitives.ReadUInt16BigEndian(body[8..]);
            deadInterval = BinaryPrimitives.ReadUInt16BigEndian(body[10..]);
            dr = BinaryPrimitives.ReadUInt32BigEndian(body[12..]);
        }
        int neighbours = (body.Length - fixedLength) / 4;
        hello = new OspfHello(version, routerId, area, helloInterval, deadInterval, dr, neighbours);
        return true;
    }
}
