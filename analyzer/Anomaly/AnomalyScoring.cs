namespace NetOps.Analyzer.Anomaly;

/// <summary>How the streaming model turns a deviation into a score in [0, 1].</summary>
public enum AnomalyScoring
{
    /// <summary>How rare a deviation this large has been on this series (decaying histogram, heavy-tailed prior).</summary>
    Rarity,
    /// <summary>Numenta-style likelihood: the short average of surprise against its long-run mean and spread.</summary>
    Likelihood,
}
