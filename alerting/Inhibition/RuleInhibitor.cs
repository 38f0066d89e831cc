using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Inhibition;

/// <summary>
/// The configured inhibition rules (<see cref="InhibitRule"/>), beside the LGWAN tree's <see cref="TopologyInhibitor"/>.
/// Only active (not resolved) alerts inhibit, so a source that resolves releases its targets on the next pass. An alert
/// never inhibits itself, and, as in Alertmanager, when an alert matches both sides of a rule, a source that also
/// matches both sides does not hold it back: two such alerts would otherwise hide each other.
/// </summary>
public sealed class RuleInhibitor(IReadOnlyList<InhibitRule> rules)
{
    public IReadOnlyList<InhibitRule> Rules { get; } = rules;

    /// <summary>
    /// The suppression of <paramref name="alert"/> by the first rule that holds it, naming the inhibiting alert's
    /// fingerprint; null when no rule does. <paramref name="active"/> are the alerts that are not resolved.
    /// </summary>
    public Suppression? Suppress(ActiveAlert alert, IReadOnlyCollection<ActiveAlert> active)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (!LabelMatcher.All(rule.TargetMatchers, alert.Labels)) continue;
            var alertIsSource = LabelMatcher.All(rule.SourceMatchers, alert.Labels);
            foreach (var source in active)
            {
                if (source.Fingerprint == alert.Fingerprint || !LabelMatcher.All(rule.SourceMatchers, source.Labels)) continue;
                if (alertIsSource && LabelMatcher.All(rule.TargetMatchers, source.Labels)) continue;
                if (!EqualOn(rule.Equal, source.Labels, alert.Labels)) continue;
                return new Suppression(source.Fingerprint, $"inhibit rule {i}: {rule}");
            }
        }
        return null;
    }

    // An absent label counts as the empty value on both sides (Prometheus' rule), as Alertmanager compares them.
    static bool EqualOn(IReadOnlyList<string> names, IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        foreach (var name in names)
            if (!string.Equals(LabelSet.Get(a, name), LabelSet.Get(b, name), StringComparison.Ordinal)) return false;
        return true;
    }
}
