namespace NetOps.Core.Detections;

/// <summary>Which detections to read: by site (or sites), kind, detector and time (half-open), newest first, at most <see cref="Limit"/>.</summary>
public sealed record DetectionFilter
{
    /// <summary>The sites to answer for: null is every site, empty is none.</summary>
    public IReadOnlyCollection<string>? Sites { get; init; }
    public IReadOnlyCollection<DetectionKind>? Kinds { get; init; }
    public string? Detector { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int Limit { get; init; } = 500;
}
