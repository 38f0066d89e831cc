namespace NetOps.Collector.Flows;

/// <summary>The latest completed window's top talkers per site, kept in memory for the dashboard.</summary>
public interface ITopTalkers
{
    /// <summary>The top talkers of <paramref name="site"/> in the last window that had traffic there, best first; empty when none.</summary>
    IReadOnlyList<TopTalker> GetTop(string site);

    /// <summary>End of the last completed window, or null before the first.</summary>
    DateTimeOffset? LastWindowEnd { get; }
}
