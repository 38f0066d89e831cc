using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Inhibition;

/// <summary>An alert that is active now, as inhibition sees it.</summary>
public readonly record struct ActiveAlert(string Fingerprint, IReadOnlyDictionary<string, string> Labels);

/// <summary>Why an alert is held back: the parent alert (or maintenance window) it is shown under.</summary>
public readonly record struct Suppression(string SuppressedBy, string Reason);

/// <summary>
/// Inhibition along the LGWAN tree (DESIGN.md): while a parent node (a prefecture's node, or its link to the
/// centre) has a firing "down" alert, or is in a maintenance window, the line alerts of the sites behind it are
/// suppressed and shown under the parent; when the parent recovers they are released. An alert never inhibits
/// itself, and a parent only ever inhibits its own descendants.
/// </summary>
public sealed class TopologyInhibitor
{
    readonly Func<string, string?> _parentOf;
    readonly IReadOnlySet<string> _parentDownKinds;
    readonly IReadOnlySet<string> _childKinds;

    /// <param name="parentOf">A site's parent code (DESIGN.md <c>parent</c>), or null at the top.</param>
    /// <param name="parentDownKinds">Kinds that mean the parent cannot carry its children, e.g. <c>outage</c>.</param>
    /// <param name="childKinds">Kinds of child alerts that a down parent explains, e.g. line and failover kinds.</param>
    public TopologyInhibitor(Func<string, string?> parentOf, IReadOnlySet<string> parentDownKinds, IReadOnlySet<string> childKinds)
    {
        _parentOf = parentOf;
        _parentDownKinds = parentDownKinds;
        _childKinds = childKinds;
    }

    /// <summary>
    /// The suppression of <paramref name="alert"/>, or null when it pages as usual.
    /// <paramref name="inMaintenance"/> says whether a site is inside a maintenance window now.
    /// </summary>
    public Suppression? Suppress(ActiveAlert alert, IReadOnlyCollection<ActiveAlert> active, Func<string, string?> inMaintenance)
    {
        if (!_childKinds.Contains(LabelSet.Get(alert.Labels, LabelSet.Kind))) return null;
        var site = LabelSet.Get(alert.Labels, LabelSet.Site);
        if (site.Length == 0) return null;

        var downSites = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var other in active)
        {
            if (other.Fingerprint == alert.Fingerprint || !_parentDownKinds.Contains(LabelSet.Get(other.Labels, LabelSet.Kind))) continue;
            downSites.TryAdd(LabelSet.Get(other.Labels, LabelSet.Site), other.Fingerprint);
        }

        // Walk up the tree; the nearest ancestor that is down or in maintenance explains the child's alert.
        var seen = new HashSet<string>(StringComparer.Ordinal) { site };
        for (var parent = _parentOf(site); parent is not null && seen.Add(parent); parent = _parentOf(parent))
        {
            if (downSites.TryGetValue(parent, out var parentAlert)) return new Suppression(parentAlert, $"parent {parent} is down");
            if (inMaintenance(parent) is { } silenceId) return new Suppression(silenceId, $"parent {parent} is in maintenance");
        }
        return null;
    }
}
