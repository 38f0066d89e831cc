namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>
/// Runs the streaming model on every NAB series as NAB's rules want it (NOTES.md §10): one record at a time, no
/// look-ahead, a fresh state per file, one configuration for all files. Rows are fed in file order, duplicates kept.
/// </summary>
public static class NabRunner
{
    /// <param name="knownRange">
    /// Hand the model what NAB hands every detector (the file's value range and probation, <see cref="NewState"/>);
    /// false runs it as the network detector runs it, learning the range as it goes.
    /// </param>
    public static Dictionary<string, double[]> Run(NabCorpus corpus, AnomalyModelOptions options, bool knownRange = true)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var model = new StreamingAnomalyModel(options);
        var results = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var series in corpus.Series) results[series.Key] = Run(model, series, knownRange);
        return results;
    }

    public static double[] Run(StreamingAnomalyModel model, NabSeries series, bool knownRange = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(series);
        var state = knownRange ? NewState(series) : new AnomalySeriesState();
        var scores = new double[series.Count];
        for (int i = 0; i < series.Count; i++) scores[i] = model.Observe(state, series.Timestamps[i], series.Values[i]).Score;
        return scores;
    }

    /// <summary>
    /// A fresh state with what NAB hands every detector in advance (nab/detectors/base.py, NOTES.md §10): the file's
    /// value range (inputMin, inputMax) and its probationary length. Nothing else about the file is known.
    /// </summary>
    public static AnomalySeriesState NewState(NabSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new AnomalySeriesState
        {
            KnownMin = series.Count > 0 ? series.Values.Min() : null,
            KnownMax = series.Count > 0 ? series.Values.Max() : null,
            Horizon = series.ProbationaryLength,
        };
    }
}
