using NetOps.Core.Detections;
using NetOps.Core.Sites;

namespace NetOps.Analyzer.Failover;

/// <summary>What processing signals produced: detections (new, or amended with more evidence) and sites whose state changed.</summary>
public sealed class FailoverOutput
{
    private readonly Dictionary<string, Detection> _detections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteStatus> _states = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Detection> Detections => _detections.Values;
    public IReadOnlyCollection<SiteStatus> States => _states.Values;
    public bool IsEmpty => _detections.Count == 0 && _states.Count == 0;

    /// <summary>The latest version of a detection replaces an earlier one of the same id.</summary>
    public void Add(Detection detection) => _detections[detection.Id] = detection;

    public void Add(SiteStatus status) => _states[status.Site] = status;

    public void Clear()
    {
        _detections.Clear();
        _states.Clear();
    }
}
