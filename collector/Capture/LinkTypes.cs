namespace NetOps.Collector.Capture;

/// <summary>The pcap link types (DLT_/LINKTYPE_ numbers) the dissector reads.</summary>
public static class LinkTypes
{
    public const int Null = 0;
    public const int Ethernet = 1;
    public const int Raw = 101;
    public const int RawAlt12 = 12;
    public const int RawAlt14 = 14;
    public const int Loop = 108;
    public const int LinuxSll = 113;
    public const int Ipv4 = 228;
    public const int Ipv6 = 229;
    public const int LinuxSll2 = 276;
}
