namespace NetOps.Collector.Capture;

/// <summary>The closed set of <c>proto</c> tag values of the <c>packets</c> measurement, whatever the IP protocol number.</summary>
public enum PacketProto : byte { Tcp, Udp, Icmp, IcmpV6, Vrrp, Ospf, Gre, Esp, Other }

public static class PacketProtos
{
    public const int Count = 9;

    private static readonly string[] Tags = ["tcp", "udp", "icmp", "icmpv6", "vrrp", "ospf", "gre", "esp", "other"];

    public static string ToTag(this PacketProto proto) => Tags[(int)proto];

    public static PacketProto FromIpProtocol(byte protocol) => protocol switch
    {
        6 => PacketProto.Tcp,
        17 => PacketProto.Udp,
        1 => PacketProto.Icmp,
        58 => PacketProto.IcmpV6,
        112 => PacketProto.Vrrp,
        89 => PacketProto.Ospf,
        47 => PacketProto.Gre,
        50 => PacketProto.Esp,
        _ => PacketProto.Other,
    };
}
