namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>
/// A detector's NAB score under one profile at one threshold: the corpus raw score (the <c>Totals</c> row), the
/// normalised score (0 = null detector, 100 = perfect) and the row counts of NAB's <c>*_scores.csv</c>.
/// </summary>
public sealed record NabScore(
    NabProfile Profile,
    double Threshold,
    double Raw,
    double Normalized,
    long TruePositives,
    long TrueNegatives,
    long FalsePositives,
    long FalseNegatives,
    IReadOnlyDictionary<string, double> PerFile);
