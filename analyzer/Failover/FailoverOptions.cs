using System.ComponentModel.DataAnnotations;

namespace NetOps.Analyzer.Failover;

/// <summary><c>Analyzer:Failover</c>: the per-site failover state machine.</summary>
public sealed class FailoverOptions
{
    public const string Section = "Analyzer:Failover";

    /// <summary>
    /// <c>Analyzer:Failover:Source</c>: <c>auto</c> (in memory when the collector runs in this process, else from
    /// InfluxDB one window later), <c>memory</c> or <c>influx</c>.
    /// </summary>
    [RegularExpression("^(auto|memory|influx)$", ErrorMessage = "Analyzer:Failover:Source must be auto, memory or influx")]
    public string Source { get; set; } = "auto";

    /// <summary><c>Analyzer:Failover:MinCarryingBytes</c>: bytes in one traffic window for a line to count as carrying.</summary>
    [Range(1, long.MaxValue)] public long MinCarryingBytes { get; set; } = 1_000;

    /// <summary><c>Analyzer:Failover:TrafficBucketSeconds</c>: the collector's flow window (<c>Collector:Flows:AggregationSeconds</c>).</summary>
    [Range(1, 3600)] public int TrafficBucketSeconds { get; set; } = 10;

    /// <summary><c>Analyzer:Failover:FlapWindowSeconds</c> and <c>…:FlapCount</c>: this many up/down changes of one line within the window is flapping.</summary>
    [Range(10, 86_400)] public int FlapWindowSeconds { get; set; } = 600;

    [Range(2, 1000)] public int FlapCount { get; set; } = 4;

    /// <summary>
    /// <c>Analyzer:Failover:SilenceSeconds</c>: a site whose traffic stops this long while other sites' traffic still
    /// arrives is out (0 = off). Measured on the data's time, so a stopped collector is not 1,788 outages.
    /// </summary>
    [Range(0, 86_400)] public int SilenceSeconds { get; set; } = 300;

    /// <summary><c>Analyzer:Failover:MaxEvidence</c>: evidence kept per detection.</summary>
    [Range(1, 1000)] public int MaxEvidence { get; set; } = 32;
}
