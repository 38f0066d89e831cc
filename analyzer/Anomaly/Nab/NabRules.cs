namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>NAB's scoring rules as pure functions (NOTES.md §3 and §4; nab/sweeper.py).</summary>
public static class NabRules
{
    /// <summary>f(−1) = tanh(2.5): a detection on a window's first row is worth exactly A_TP.</summary>
    public static readonly double MaxTruePositive = ScaledSigmoid(-1.0);

    /// <summary>P = min(floor(0.15 × N), 0.15 × 5000): 15 % of the file, at most 750 rows.</summary>
    public static int ProbationaryLength(int rows) => (int)Math.Min(Math.Floor(0.15 * rows), 0.15 * 5000);

    /// <summary>f(x) = 2 / (1 + e^(5x)) − 1, and exactly −1 when x &gt; 3 (NAB's <c>scaledSigmoid</c>).</summary>
    public static double ScaledSigmoid(double x) => x > 3.0 ? -1.0 : 2.0 / (1.0 + Math.Exp(5.0 * x)) - 1.0;

    /// <summary>
    /// The weight S_i of every row under a profile: what a detection on that row would add. Inside a window it is
    /// positive and falls along the window; outside, it is a penalty that only the most recent earlier window softens.
    /// </summary>
    public static double[] RowWeights(int rows, IReadOnlyList<NabWindow> windows, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(profile);
        var weights = new double[rows];
        int next = 0;
        NabWindow? previous = null;
        for (int i = 0; i < rows; i++)
        {
            while (next < windows.Count && windows[next].End < i) previous = windows[next++];
            if (next < windows.Count && windows[next].Contains(i))
            {
                var w = windows[next];
                double x = -(double)(w.End - i + 1) / w.Width;
                weights[i] = ScaledSigmoid(x) * profile.TruePositiveWeight / MaxTruePositive;
            }
            else if (previous is { } p)
            {
                // NAB divides by W' − 1, not W' (sweeper.py, positionPastWindow)
                double x = Math.Abs(p.End - i) / (double)(p.Width - 1);
                weights[i] = ScaledSigmoid(x) * profile.FalsePositiveWeight;
            }
            else
            {
                weights[i] = -profile.FalsePositiveWeight;
            }
        }
        return weights;
    }

    /// <summary>100 × (raw − null) / (perfect − null), null = −windows × A_FN, perfect = windows × A_TP (NOTES.md §8).</summary>
    public static double Normalize(double raw, int windowCount, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        double nullScore = -windowCount * profile.FalseNegativeWeight;
        double perfect = windowCount * profile.TruePositiveWeight;
        return 100.0 * (raw - nullScore) / (perfect - nullScore);
    }
}
