namespace NetOps.Core.Detections.Storage;

/// <summary>A stored finding (table <c>detections</c>); <see cref="Id"/> is <see cref="Detection.Id"/>, so a finding is stored once.</summary>
public sealed class DetectionRecord
{
    public string Id { get; set; } = "";
    public DateTimeOffset Time { get; set; }
    public string Site { get; set; } = "";
    public string Detector { get; set; } = "";
    public string Kind { get; set; } = "";
    public double Score { get; set; }
    public double? Value { get; set; }
    public double? Expected { get; set; }
    public string Message { get; set; } = "";
    public string? Line { get; set; }
    /// <summary>The evidence as JSON (a list of <see cref="DetectionEvidence"/>).</summary>
    public string EvidenceJson { get; set; } = "[]";
    /// <summary>The phase durations as JSON (name → seconds).</summary>
    public string DurationsJson { get; set; } = "{}";
    public bool Rerun { get; set; }
    /// <summary>When NetOps stored it; minus <see cref="Time"/>, how long detection took.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
