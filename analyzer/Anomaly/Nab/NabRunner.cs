namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>
/// Runs the streaming model on every NAB series as NAB's rules want it (NOTES.md §10): one record at a time, no
/// look-ahead, a fresh state per file, one configuration for all files. Rows are fed in file order, duplicates kept.
/// </summary>
public static class NabRunner
{
    public static Dictionary<string, double[]> Run(NabCorpus corpus, AnomalyModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var model = new StreamingAnomalyModel(options);
        var results = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var series in corpus.Series) results[series.Key] = Run(model, series);
        return results;
    }

    public static double[] Run(StreamingAnomalyModel model, NabSeries series)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(series);
        var state = new AnomalySeriesState();
        var scores = new double[series.Count];
        for (int i = 0; i < series.Count; i++) scores[i] = model.Observe(state, series.Timestamps[i], series.Values[i]).Score;
        return scores;
    }
}
