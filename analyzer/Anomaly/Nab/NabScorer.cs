namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>
/// Scores a detector's per-row anomaly scores on the NAB corpus with NAB's rules (NOTES.md §4–§8): a detection is a
/// scored row (past probation) whose score is ≥ the threshold; a window counts its earliest detection's weight or
/// −A_FN; each detection outside windows adds its own (negative) weight. <see cref="Optimize"/> is NAB's exhaustive
/// threshold sweep, one threshold for the whole corpus.
/// </summary>
public sealed class NabScorer
{
    private readonly NabCorpus _corpus;

    public NabScorer(NabCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        _corpus = corpus;
    }

    /// <summary>The corpus score at a given threshold. <paramref name="scores"/> maps a data key to one score per row.</summary>
    public NabScore Score(IReadOnlyDictionary<string, double[]> scores, NabProfile profile, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(profile);
        double raw = 0;
        long tp = 0, tn = 0, fp = 0, fn = 0;
        var perFile = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var series in _corpus.Series)
        {
            if (!scores.TryGetValue(series.Key, out var rowScores)) continue;
            Check(series, rowScores);
            var weights = NabRules.RowWeights(series.Count, series.Windows, profile);
            var best = new double[series.Windows.Count];
            Array.Fill(best, -profile.FalseNegativeWeight);
            var detected = new bool[series.Windows.Count];
            double falsePositives = 0;
            int w = 0;
            for (int i = series.ProbationaryLength; i < series.Count; i++)
            {
                while (w < series.Windows.Count && series.Windows[w].End < i) w++;
                bool hit = rowScores[i] >= threshold;
                if (w < series.Windows.Count && series.Windows[w].Contains(i))
                {
                    if (hit)
                    {
                        tp++;
                        if (!detected[w] || weights[i] > best[w]) best[w] = weights[i];
                        detected[w] = true;
                    }
                    else fn++;
                }
                else if (hit) { fp++; falsePositives += weights[i]; }
                else tn++;
            }
            double file = best.Sum() + falsePositives;
            perFile[series.Key] = file;
            raw += file;
        }
        return new NabScore(profile, threshold, raw, NabRules.Normalize(raw, _corpus.WindowCount, profile), tp, tn, fp, fn, perFile);
    }

    /// <summary>
    /// NAB's threshold sweep (nab/optimizer.py, nab/sweeper.py): every distinct score on a scored row, and 1.1, is a
    /// candidate; the best corpus score wins, the highest threshold among equals. Returns the score at that threshold.
    /// </summary>
    public NabScore Optimize(IReadOnlyDictionary<string, double[]> scores, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(profile);
        var rows = new List<(double Score, int Window, double Weight)>();
        int windowBase = 0;
        foreach (var series in _corpus.Series)
        {
            if (!scores.TryGetValue(series.Key, out var rowScores)) continue;
            Check(series, rowScores);
            var weights = NabRules.RowWeights(series.Count, series.Windows, profile);
            int w = 0;
            for (int i = series.ProbationaryLength; i < series.Count; i++)
            {
                while (w < series.Windows.Count && series.Windows[w].End < i) w++;
                bool inside = w < series.Windows.Count && series.Windows[w].Contains(i);
                rows.Add((rowScores[i], inside ? windowBase + w : -1, weights[i]));
            }
            windowBase += series.Windows.Count;
        }
        // highest score first; the order among equal scores does not change the totals recorded between values
        rows.Sort((a, b) => b.Score.CompareTo(a.Score));

        var best = new double[windowBase];
        var detected = new bool[windowBase];
        double total = -profile.FalseNegativeWeight * windowBase;
        double previous = 1.1, bestThreshold = 1.1, bestTotal = total;
        foreach (var row in rows)
        {
            if (row.Score != previous)
            {
                // descending thresholds: a strict > keeps the highest threshold among equal scores, as NAB's stable sort does
                if (total > bestTotal) { bestTotal = total; bestThreshold = previous; }
                previous = row.Score;
            }
            if (row.Window >= 0)
            {
                if (!detected[row.Window])
                {
                    detected[row.Window] = true;
                    total += row.Weight + profile.FalseNegativeWeight;
                    best[row.Window] = row.Weight;
                }
                else if (row.Weight > best[row.Window])
                {
                    total += row.Weight - best[row.Window];
                    best[row.Window] = row.Weight;
                }
            }
            else total += row.Weight;
        }
        if (total > bestTotal) bestThreshold = previous;
        return Score(scores, profile, bestThreshold);
    }

    private static void Check(NabSeries series, double[] rowScores)
    {
        if (rowScores.Length != series.Count)
            throw new InvalidDataException($"{series.Key}: {rowScores.Length} anomaly scores for {series.Count} data rows; NAB matches scores to rows by position");
    }
}
