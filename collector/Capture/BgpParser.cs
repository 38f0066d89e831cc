using System.Buffers.Binary;

namespace NetOps.Collector.Capture;

/// <summary>
/// Parses BGP messages at the start of a TCP payload (port 179) on spans; never throws. Messages that continue in a
/// later segment are not reassembled: a session's OPEN and NOTIFICATION are small and start their segment in practice.
/// </summary>
public static class BgpParser
{
    public const int HeaderLength = 19;
    /// <summary>RFC 8654 extended messages may reach 65535 bytes.</summary>
    public const int MaxLength = 65535;

    /// <summary>Parses the message at the start of <paramref name="data"/>; <paramref name="consumed"/> is its length (0 when none).</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out BgpMessage message, out int consumed)
    {
        message = default;
        consumed = 0;
        if (data.Length < HeaderLength) return false;
        for (int i = 0; i < 16; i++)
            if (data[i] != 0xFF) return false;
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[16..]);
        byte type = data[18];
        if (length < HeaderLength || type is 0 or > 5) return false;
        if (length > data.Length) return false; // continues in the next segment
        consumed = length;
        var body = data[HeaderLength..length];
        switch (type)
        {
            case BgpMessage.Open:
                if (body.Length < 10) return false;
                uint myAs = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
                int hold = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
                uint id = BinaryPrimitives.ReadUInt32BigEndian(body[5..]);
                int optLength = body[9];
                var options = body[10..];
                if (optLength <= options.Length && FourOctetAs(options[..optLength]) is { } as4) myAs = as4;
                message = new BgpMessage(type, body[0], myAs, hold, id, 0, 0, 0, 0);
                return true;
            case BgpMessage.Notification:
                if (body.Length < 2) return false;
                byte code = body[0], subcode = body[1];
                byte innerCode = 0, innerSubcode = 0;
                // Cease / Hard Reset (RFC 8538) carries the real reason as the first two data octets.
                if (code == 6 && subcode == 9 && body.Length >= 4) { innerCode = body[2]; innerSubcode = body[3]; }
                message = new BgpMessage(type, 0, 0, 0, 0, code, subcode, innerCode, innerSubcode);
                return true;
            default:
                message = new BgpMessage(type, 0, 0, 0, 0, 0, 0, 0, 0);
                return true;
        }
    }

    private static uint? FourOctetAs(ReadOnlySpan<byte> options)
    {
        for (int guard = 0; options.Length >= 2 && guard < 64; guard++)
        {
            byte paramType = options[0];
            int paramLength = options[1];
            if (2 + paramLength > options.Length) return null;
            var value = options.Slice(2, paramLength);
            if (paramType == 2) // capabilities
            {
                for (int g = 0; value.Length >= 2 && g < 64; g++)
                {
                    byte code = value[0];
                    int len = value[1];
                    if (2 + len > value.Length) break;
                    if (code == 65 && len == 4) return BinaryPrimitives.ReadUInt32BigEndian(value[2..]);
                    value = value[(2 + len)..];
                }
            }
            options = options[(2 + paramLength)..];
        }
        return null;
    }
}
