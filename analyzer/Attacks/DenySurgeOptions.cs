namespace NetOps.Analyzer.Attacks;

/// <summary><c>Analyzer:Attacks:DenySurge</c>: firewall denies (<c>firewall</c>, action=deny) far above the site's baseline.</summary>
public sealed class DenySurgeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>…:BucketSeconds</c>: deny rates are compared per bucket; not shorter than the syslog <c>AggregationSeconds</c>.</summary>
    public int BucketSeconds { get; set; } = 60;

    /// <summary><c>…:MinDeniesPerSecond</c>: the floor.</summary>
    public double MinDeniesPerSecond { get; set; } = 5;
}
