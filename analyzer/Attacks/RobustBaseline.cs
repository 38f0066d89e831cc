namespace NetOps.Analyzer.Attacks;

/// <summary>
/// One site's usual level of one figure, kept in the detector's JSON state: an exponentially weighted median and
/// median absolute deviation. Warm-up windows are averaged plainly; after that each step is clipped to three MADs
/// (a Huber-style update), so one odd window moves it little. Windows that fired are never fed in: an attack does
/// not teach the baseline that attacks are normal.
/// </summary>
public sealed class RobustBaseline
{
    public double Median { get; set; }
    public double Mad { get; set; }
    public int Samples { get; set; }

    /// <summary>Whether the baseline has seen enough windows to count.</summary>
    public bool Ready(BaselineOptions o) => Samples >= o.MinSamples;

    /// <summary>The level a window must reach to fire: the floor, raised by the baseline once it is ready.</summary>
    public double Threshold(double floor, BaselineOptions o)
    {
        if (!Ready(o)) return floor;
        return Math.Max(floor, Math.Max(o.Ratio * Median, Median + o.Mads * Mad));
    }

    /// <summary>Feeds a quiet window's figure.</summary>
    public void Update(double value, BaselineOptions o)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return;
        if (Samples == 0)
        {
            Median = value;
            Mad = 0;
        }
        else if (Samples < o.MinSamples)
        {
            double a = 1.0 / (Samples + 1);
            Mad += a * (Math.Abs(value - Median) - Mad);
            Median += a * (value - Median);
        }
        else
        {
            // The scale never collapses to 0 on a flat series, or the first non-zero window would be clipped to nothing.
            double scale = Math.Max(Mad, Math.Max(0.1 * Math.Abs(Median), 1));
            double deviation = Math.Clamp(value - Median, -3 * scale, 3 * scale);
            Median += o.Alpha * deviation;
            Mad += o.Alpha * (Math.Abs(deviation) - Mad);
        }
        if (Samples < int.MaxValue) Samples++;
    }
}
