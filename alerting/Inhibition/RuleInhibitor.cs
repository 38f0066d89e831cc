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
    public Suppression? Suppress(ActiveAlert alert, IReadOnlyCollection<ActiveAlert> active) => Over(active).Suppress(alert);

    /// <summary>
    /// The rules' sources among <paramref name="active"/>, indexed by their <c>Equal</c> values, so that a pass over
    /// thousands of alerts looks each target up instead of scanning every source for it.
    /// </summary>
    public Sources Over(IReadOnlyCollection<ActiveAlert> active)
    {
        var byRule = new Dictionary<string, List<(ActiveAlert Alert, bool IsTarget)>>[Rules.Count];
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var index = byRule[i] = new Dictionary<string, List<(ActiveAlert, bool)>>(StringComparer.Ordinal);
            foreach (var source in active)
            {
                if (!LabelMatcher.All(rule.SourceMatchers, source.Labels)) continue;
                var key = EqualKey(rule.Equal, source.Labels);
                if (!index.TryGetValue(key, out var list)) index[key] = list = [];
                list.Add((source, LabelMatcher.All(rule.TargetMatchers, source.Labels)));
            }
        }
        return new Sources(Rules, byRule);
    }

    /// <summary>The sources of one pass (see <see cref="Over"/>).</summary>
    public sealed class Sources
    {
        readonly IReadOnlyList<InhibitRule> _rules;
        readonly Dictionary<string, List<(ActiveAlert Alert, bool IsTarget)>>[] _byRule;

        internal Sources(IReadOnlyList<InhibitRule> rules, Dictionary<string, List<(ActiveAlert, bool)>>[] byRule)
        {
            _rules = rules;
            _byRule = byRule;
        }

        public Suppression? Suppress(ActiveAlert alert)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!LabelMatcher.All(rule.TargetMatchers, alert.Labels)) continue;
                if (!_byRule[i].TryGetValue(EqualKey(rule.Equal, alert.Labels), out var sources)) continue;
                var alertIsSource = LabelMatcher.All(rule.SourceMatchers, alert.Labels);
                foreach (var (source, sourceIsTarget) in sources)
                {
                    if (source.Fingerprint == alert.Fingerprint || (alertIsSource && sourceIsTarget)) continue;
                    return new Suppression(source.Fingerprint, $"inhibit rule {i}: {rule}");
                }
            }
            return null;
        }
    }

    // An absent label counts as the empty value on both sides (Prometheus' rule), as Alertmanager compares them.
    // Each value is length-prefixed, so no two different value lists make the same key.
    static string EqualKey(IReadOnlyList<string> names, IReadOnlyDictionary<string, string> labels)
    {
        if (names.Count == 0) return "";
        var builder = new System.Text.StringBuilder();
        foreach (var name in names)
        {
            var value = LabelSet.Get(labels, name);
            builder.Append(value.Length).Append(':').Append(value);
        }
        return builder.ToString();
    }
}
