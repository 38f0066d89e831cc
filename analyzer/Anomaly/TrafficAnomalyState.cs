namespace NetOps.Analyzer.Anomaly;

/// <summary>The traffic anomaly detector's state between windows: one model state per site and line (<c>site/line</c>).</summary>
public sealed class TrafficAnomalyState
{
    public Dictionary<string, AnomalySeriesState> Series { get; set; } = new(StringComparer.Ordinal);
}
