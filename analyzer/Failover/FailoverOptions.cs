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

    /// <summary>
    /// <c>Analyzer:Failover:DegradedErrorsPerMinute</c>: interface errors (in + out, SNMP) per minute on the primary
    /// line's interface from which a poll counts as erroring.
    /// </summary>
    [Range(0.001, 1e9)] public double DegradedErrorsPerMinute { get; set; } = 30;

    /// <summary><c>Analyzer:Failover:SaturatedShare</c>: share of the interface's speed (busier direction) from which a poll counts as saturated.</summary>
    [Range(0.01, 10)] public double SaturatedShare { get; set; } = 0.9;

    /// <summary>
    /// <c>Analyzer:Failover:SnmpCarryingBytesPerSecond</c>: octets per second (busier direction, over its poll interval)
    /// from which the backup line's interface, polled by SNMP, shows the backup carrying a site that has failed over.
    /// An idle backup line's keepalives stay far below it; 12,500 is 100 kbit/s.
    /// </summary>
    [Range(1, 1e12)] public double SnmpCarryingBytesPerSecond { get; set; } = 12_500;

    /// <summary><c>Analyzer:Failover:DegradedPolls</c>: consecutive erroring or saturated polls before the primary line is degraded (reported once).</summary>
    [Range(1, 1000)] public int DegradedPolls { get; set; } = 2;

    /// <summary><c>Analyzer:Failover:HealthyPolls</c>: consecutive clean polls before a degraded primary line is healthy again.</summary>
    [Range(1, 1000)] public int HealthyPolls { get; set; } = 3;

    /// <summary><c>Analyzer:Failover:MaxEvidence</c>: evidence kept per detection.</summary>
    [Range(1, 1000)] public int MaxEvidence { get; set; } = 32;
}
