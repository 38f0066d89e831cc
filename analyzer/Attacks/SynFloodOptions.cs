namespace NetOps.Analyzer.Attacks;

/// <summary><c>Analyzer:Attacks:SynFlood</c>: SYNs far above the site's baseline with few SYN-ACKs back, from <c>packets</c>.</summary>
public sealed class SynFloodOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>…:BucketSeconds</c>: SYN rates are compared per bucket; not shorter than the collector's <c>AggregationSeconds</c>.</summary>
    public int BucketSeconds { get; set; } = 10;

    /// <summary><c>…:MinSynsPerSecond</c>: the floor (an nmap scan peaks near 100/s; the floods of the test captures at 700–3,700/s).</summary>
    public double MinSynsPerSecond { get; set; } = 200;

    /// <summary><c>…:MaxSynAckRatio</c>: SYN-ACKs per SYN at most, for "few SYN-ACKs back".</summary>
    public double MaxSynAckRatio { get; set; } = 0.2;

    /// <summary><c>…:MaxSources</c>: top SYN sources (from <c>scan_top</c>) listed in the evidence.</summary>
    public int MaxSources { get; set; } = 3;
}
