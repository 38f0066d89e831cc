namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>
/// One NAB data file: its key (the path relative to <c>data/</c>, e.g. <c>realKnownCause/nyc_taxi.csv</c>), every row
/// in file order (duplicate timestamps kept) and its anomaly windows as rows.
/// </summary>
public sealed class NabSeries
{
    public NabSeries(string key, IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, IReadOnlyList<NabWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(values);
        if (timestamps.Count != values.Count) throw new ArgumentException("one value per timestamp", nameof(values));
        Key = key;
        Timestamps = timestamps;
        Values = values;
        Windows = windows;
        ProbationaryLength = NabRules.ProbationaryLength(timestamps.Count);
    }

    /// <summary>The path relative to <c>data/</c>, with forward slashes: the key of windows and results.</summary>
    public string Key { get; }

    public IReadOnlyList<DateTime> Timestamps { get; }

    public IReadOnlyList<double> Values { get; }

    public IReadOnlyList<NabWindow> Windows { get; }

    /// <summary>P: rows 0 … P−1 are never scored (NOTES.md §3).</summary>
    public int ProbationaryLength { get; }

    public int Count => Values.Count;
}
