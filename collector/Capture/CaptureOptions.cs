using System.ComponentModel.DataAnnotations;

namespace NetOps.Collector.Capture;

/// <summary><c>Collector:Capture</c> section: live packet capture, off unless <see cref="Interface"/> is set.</summary>
public sealed class CaptureOptions
{
    public const string Section = "Collector:Capture";

    /// <summary><c>Collector:Capture:Interface</c>: the interface to capture on (e.g. <c>eth1</c>, <c>lo</c>); empty means off.</summary>
    public string? Interface { get; set; }

    /// <summary><c>Collector:Capture:Filter</c>: a BPF expression (tcpdump syntax); empty means every packet.</summary>
    public string? Filter { get; set; }

    /// <summary><c>Collector:Capture:Site</c>: the tap's site code, used for the <c>packets</c> measurement and for events no inventory device owns.</summary>
    public string? Site { get; set; }

    /// <summary><c>Collector:Capture:Sensor</c>: the tap's name (the <c>sensor</c> tag); the host name when empty.</summary>
    public string? Sensor { get; set; }

    /// <summary><c>Collector:Capture:AggregationSeconds</c>: packets are counted per protocol over windows of this length (packet time).</summary>
    [Range(1, 3600)] public int AggregationSeconds { get; set; } = 10;

    /// <summary><c>Collector:Capture:Promiscuous</c>: put the interface in promiscuous mode (a SPAN port or tap needs it).</summary>
    public bool Promiscuous { get; set; }

    /// <summary><c>Collector:Capture:SnapLength</c>: bytes kept per packet; headers of the control-plane protocols fit in the default.</summary>
    [Range(64, 262_144)] public int SnapLength { get; set; } = 512;

    /// <summary><c>Collector:Capture:BufferBytes</c>: the kernel capture buffer.</summary>
    [Range(65_536, 1 << 30)] public int BufferBytes { get; set; } = 16 << 20;

    /// <summary><c>Collector:Capture:ScanTopN</c>: sources per window written to <c>scan_top</c> (most distinct ports plus hosts first); 0 = none.</summary>
    [Range(0, 100)] public int ScanTopN { get; set; } = 10;

    /// <summary><c>Collector:Capture:ScanSources</c>: sources tracked per window to find them (about 300 bytes each); beyond it the smallest is evicted and counted.</summary>
    [Range(1, 65_536)] public int ScanSources { get; set; } = 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(Interface);

    /// <summary>The <c>scan_top</c> limits.</summary>
    public Scans.ScanLimits Scans => new(ScanTopN, ScanSources);

    /// <summary>The sensor tag: <see cref="Sensor"/>, else the host name.</summary>
    public string SensorName => string.IsNullOrWhiteSpace(Sensor) ? Environment.MachineName : Sensor.Trim();
}
