using System.Buffers.Binary;
using System.Net;

namespace NetOps.Collector.Flows;

/// <summary>An IPv4 or IPv6 address held by value (no allocation per flow). IPv4 is kept in the low 32 bits.</summary>
public readonly record struct FlowAddress(UInt128 Value, bool IsV6)
{
    public static FlowAddress FromV4(uint networkOrderValue) => new(networkOrderValue, false);

    public static FlowAddress FromV4(ReadOnlySpan<byte> fourBytes) => new(BinaryPrimitives.ReadUInt32BigEndian(fourBytes), false);

    public static FlowAddress FromV6(ReadOnlySpan<byte> sixteenBytes) => new(BinaryPrimitives.ReadUInt128BigEndian(sixteenBytes), true);

    public static FlowAddress From(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        address.TryWriteBytes(b, out int n);
        return n == 4 ? FromV4(b[..4]) : FromV6(b);
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> b = stackalloc byte[16];
        if (!IsV6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, (uint)Value);
            return new IPAddress(b[..4]);
        }
        BinaryPrimitives.WriteUInt128BigEndian(b, Value);
        return new IPAddress(b);
    }

    public override string ToString() => ToIPAddress().ToString();
}
