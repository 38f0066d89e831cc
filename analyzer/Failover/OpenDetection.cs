using NetOps.Core.Detections;

namespace NetOps.Analyzer.Failover;

/// <summary>A phase detection already reported whose evidence may still grow (later signals of the same phase amend it).</summary>
public sealed class OpenDetection
{
    public DetectionKind Kind { get; set; }
    public DateTimeOffset Time { get; set; }
    public string Message { get; set; } = "";
    public string? Line { get; set; }
    public List<DetectionEvidence> Evidence { get; set; } = [];
    public Dictionary<string, double> Durations { get; set; } = [];
}
