using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Inhibition;

/// <summary>
/// <c>Alerting:Inhibit:N</c>: one inhibition rule as configured. Matchers are Alertmanager's matcher strings
/// (<c>kind="outage"</c>, <c>severity=~"critical|major"</c>, <c>site!="131016"</c>); <see cref="Equal"/> names labels.
/// </summary>
public sealed class InhibitRuleOptions
{
    public List<string> SourceMatchers { get; set; } = [];
    public List<string> TargetMatchers { get; set; } = [];
    public List<string> Equal { get; set; } = [];

    /// <summary>The compiled rules, or every error named by its key (<c>Alerting:Inhibit:0:SourceMatchers:1: …</c>).</summary>
    public static (IReadOnlyList<InhibitRule> Rules, IReadOnlyList<string> Errors) Compile(IReadOnlyList<InhibitRuleOptions> rules)
    {
        const string Root = "Alerting:Inhibit";
        var compiled = new List<InhibitRule>();
        var errors = new List<string>();
        for (var i = 0; i < rules.Count; i++)
        {
            var key = $"{Root}:{i}";
            var before = errors.Count;
            var source = Matchers(rules[i].SourceMatchers, $"{key}:SourceMatchers", errors);
            var target = Matchers(rules[i].TargetMatchers, $"{key}:TargetMatchers", errors);
            // An empty side would match every alert: one rule could then hold back everything.
            if (rules[i].SourceMatchers.Count == 0) errors.Add($"{key}:SourceMatchers: at least one matcher is needed");
            if (rules[i].TargetMatchers.Count == 0) errors.Add($"{key}:TargetMatchers: at least one matcher is needed");
            for (var e = 0; e < rules[i].Equal.Count; e++)
                if (!LabelSet.IsValidName(rules[i].Equal[e]))
                    errors.Add($"{key}:Equal:{e}: '{rules[i].Equal[e]}' is not a label name ([A-Za-z_][A-Za-z0-9_]*)");
            if (errors.Count == before) compiled.Add(new InhibitRule(source, target, rules[i].Equal.Distinct(StringComparer.Ordinal).ToList()));
        }
        return (errors.Count == 0 ? compiled : [], errors);
    }

    static List<LabelMatcher> Matchers(List<string> texts, string key, List<string> errors)
    {
        var list = new List<LabelMatcher>();
        for (var m = 0; m < texts.Count; m++)
        {
            if (LabelMatcher.TryParse(texts[m], out var matcher, out var error)) list.Add(matcher);
            else errors.Add($"{key}:{m}: {error}");
        }
        return list;
    }
}
