namespace NetOps.Analyzer.Attacks;

/// <summary>An attack detector's state between windows: one <see cref="RobustBaseline"/> per site (and figure), by key.</summary>
public sealed class BaselineState
{
    public Dictionary<string, RobustBaseline> Baselines { get; set; } = new(StringComparer.Ordinal);

    public RobustBaseline For(string key)
    {
        if (!Baselines.TryGetValue(key, out var b)) Baselines[key] = b = new RobustBaseline();
        return b;
    }

    /// <summary>The baseline if there is one (no entry is created for a site that only asks).</summary>
    public RobustBaseline? Find(string key) => Baselines.GetValueOrDefault(key);
}
