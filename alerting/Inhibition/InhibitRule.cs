using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Inhibition;

/// <summary>
/// One configured inhibition rule (<c>Alerting:Inhibit:N</c>, Alertmanager's <c>inhibit_rules</c>): while an alert that
/// <see cref="SourceMatchers"/> select is active, the alerts that <see cref="TargetMatchers"/> select and that have the
/// same values for every label in <see cref="Equal"/> are held back under it.
/// </summary>
public sealed record InhibitRule(IReadOnlyList<LabelMatcher> SourceMatchers, IReadOnlyList<LabelMatcher> TargetMatchers, IReadOnlyList<string> Equal)
{
    /// <summary>The rule as people write it, for the reason shown on a held alert.</summary>
    public override string ToString() =>
        $"{{{string.Join(", ", SourceMatchers)}}} inhibits {{{string.Join(", ", TargetMatchers)}}}{(Equal.Count > 0 ? $" on equal {string.Join(", ", Equal)}" : "")}";
}
