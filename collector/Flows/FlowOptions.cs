using System.ComponentModel.DataAnnotations;
using System.Net;

namespace NetOps.Collector.Flows;

/// <summary>
/// NetFlow/IPFIX collection. The ports are the DESIGN.md keys <c>Collector:NetFlow:Port</c> and
/// <c>Collector:Ipfix:Port</c>; the rest is <c>Collector:Flows:*</c>. Both ports take any export version (routers are
/// often pointed at the "wrong" one), and 0 turns a port off.
/// </summary>
public sealed class FlowOptions
{
    public const string Section = "Collector:Flows";
    public const string NetFlowPortKey = "Collector:NetFlow:Port";
    public const string IpfixPortKey = "Collector:Ipfix:Port";

    /// <summary><c>Collector:NetFlow:Port</c> (UDP; 0 = off).</summary>
    public int NetFlowPort { get; set; } = 2055;

    /// <summary><c>Collector:Ipfix:Port</c> (UDP; 0 = off).</summary>
    public int IpfixPort { get; set; } = 4739;

    /// <summary><c>Collector:Flows:BindAddress</c>: 127.0.0.1 by default, like syslog; 0.0.0.0 or :: to take exports from the network.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary><c>Collector:Flows:AggregationSeconds</c>: one <c>flow</c> point per site, exporter, protocol and direction per window.</summary>
    [Range(1, 3600)] public int AggregationSeconds { get; set; } = 10;

    /// <summary><c>Collector:Flows:TopTalkers</c>: addresses per site and window in <c>flow_top</c> (0 = none).</summary>
    [Range(0, 100)] public int TopTalkers { get; set; } = 10;

    /// <summary>
    /// <c>Collector:Flows:TopTalkerCounters</c>: Space-Saving counters per site and window, as a multiple of
    /// <see cref="TopTalkers"/>; more counters, tighter byte estimates.
    /// </summary>
    [Range(1, 1000)] public int TopTalkerCounters { get; set; } = 8;

    /// <summary><c>Collector:Flows:ScanTopN</c>: sources per site and window written to <c>scan_top</c> (most distinct ports plus hosts first); 0 = none.</summary>
    [Range(0, 100)] public int ScanTopN { get; set; } = 10;

    /// <summary><c>Collector:Flows:ScanSources</c>: sources tracked per site and window (about 300 bytes each); beyond it the smallest is evicted and counted.</summary>
    [Range(1, 65_536)] public int ScanSources { get; set; } = 256;

    /// <summary><c>Collector:Flows:QueueCapacity</c>: export datagrams held between the listeners and the processor.</summary>
    [Range(16, 10_000_000)] public int QueueCapacity { get; set; } = 100_000;

    /// <summary><c>Collector:Flows:QueueBytes</c>: bytes the queued export datagrams may hold (128 MiB); beyond it they are dropped and counted.</summary>
    [Range(1 << 20, 1L << 40)] public long QueueBytes { get; set; } = 128L << 20;

    /// <summary><c>Collector:Flows:ReceiveBufferBytes</c>: each UDP socket's kernel buffer (forced past rmem_max when running as root).</summary>
    [Range(65_536, 1 << 30)] public int ReceiveBufferBytes { get; set; } = 32 << 20;

    /// <summary>Checks what data annotations cannot; each error names its key.</summary>
    public IEnumerable<string> Validate()
    {
        if (NetFlowPort is < 0 or > 65535) yield return $"{NetFlowPortKey}: must be between 0 (off) and 65535 (is '{NetFlowPort}')";
        if (IpfixPort is < 0 or > 65535) yield return $"{IpfixPortKey}: must be between 0 (off) and 65535 (is '{IpfixPort}')";
        if (NetFlowPort != 0 && NetFlowPort == IpfixPort)
            yield return $"{IpfixPortKey} must differ from {NetFlowPortKey} (both are {IpfixPort}; both ports take every version, so one is enough: set the other to 0)";
        if (ScanTopN > ScanSources)
            yield return $"{Section}:ScanSources: must be at least ScanTopN ({ScanTopN}), is {ScanSources}";
        if (!IPAddress.TryParse(BindAddress, out _))
            yield return $"{Section}:BindAddress '{BindAddress}' is not an IP address";
    }
}
