namespace NetOps.Analyzer.Attacks;

/// <summary>
/// <c>Analyzer:Attacks:Baseline</c>: how each site's robust baseline learns and how far above it a window must be.
/// A window fires when its figure reaches max(floor, <see cref="Ratio"/> × median, median + <see cref="Mads"/> × MAD);
/// until a site has <see cref="MinSamples"/> windows, the floor alone decides.
/// </summary>
public sealed class BaselineOptions
{
    /// <summary><c>…:Alpha</c>: weight of a new window once warmed up (0.05 ≈ the last 20 windows).</summary>
    public double Alpha { get; set; } = 0.05;

    /// <summary><c>…:Ratio</c>: a window must be at least this many times the site's median.</summary>
    public double Ratio { get; set; } = 4;

    /// <summary><c>…:Mads</c>: … and this many median absolute deviations above it.</summary>
    public double Mads { get; set; } = 6;

    /// <summary><c>…:MinSamples</c>: windows before the baseline counts; before that, the absolute floors.</summary>
    public int MinSamples { get; set; } = 12;
}
