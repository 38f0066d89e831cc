namespace NetOps.Collector.Flows;

/// <summary>The closed set of <c>proto</c> tag values of the <c>flow</c> measurement: a bounded tag, whatever the IP protocol number.</summary>
public enum FlowProtocol : byte { Tcp, Udp, Icmp, IcmpV6, Gre, Esp, Other }

public static class FlowProtocols
{
    private static readonly string[] Names = ["tcp", "udp", "icmp", "icmpv6", "gre", "esp", "other"];

    public static FlowProtocol FromIpProtocol(byte protocol) => protocol switch
    {
        6 => FlowProtocol.Tcp,
        17 => FlowProtocol.Udp,
        1 => FlowProtocol.Icmp,
        58 => FlowProtocol.IcmpV6,
        47 => FlowProtocol.Gre,
        50 => FlowProtocol.Esp,
        _ => FlowProtocol.Other,
    };

    public static string TagValue(this FlowProtocol protocol) => Names[(int)protocol];
}
