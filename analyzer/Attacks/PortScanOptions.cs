namespace NetOps.Analyzer.Attacks;

/// <summary><c>Analyzer:Attacks:PortScan</c>: one source reaching many ports or hosts of a site, from <c>scan_top</c>.</summary>
public sealed class PortScanOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>…:MinPorts</c>: distinct destination ports of one source in one collector window, the floor.</summary>
    public int MinPorts { get; set; } = 100;

    /// <summary><c>…:MinHosts</c>: distinct destination hosts of one source in one collector window, the floor.</summary>
    public int MinHosts { get; set; } = 64;

    /// <summary><c>…:MaxSources</c>: scanning sources listed in one detection's evidence.</summary>
    public int MaxSources { get; set; } = 5;
}
