namespace NetOps.Analyzer.Anomaly;

/// <summary>What the model says about one sample.</summary>
/// <param name="Score">Anomaly score in [0, 1]: 1 − the likelihood of the recent surprise, log-scaled.</param>
/// <param name="Expected">The baseline the sample was compared with (the best of level, hour-of-day/week and last value).</param>
/// <param name="Deviation">How far from the expected value, in robust scales (MAD-like units).</param>
/// <param name="Baseline">The baseline that judged the sample (the best track record): level, hour-of-day, hour-of-week or last-value.</param>
public readonly record struct AnomalyReading(double Score, double Expected, double Deviation, string Baseline);
