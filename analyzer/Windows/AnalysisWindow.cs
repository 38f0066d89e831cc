namespace NetOps.Analyzer.Windows;

/// <summary>A half-open time range [<see cref="From"/>, <see cref="To"/>) that a window detector analyses once.</summary>
/// <param name="Rerun">True for <c>./netops analyze</c> over a past range: findings are marked as a re-run.</param>
public sealed record AnalysisWindow(DateTimeOffset From, DateTimeOffset To, bool Rerun = false)
{
    public TimeSpan Length => To - From;

    /// <summary>InfluxQL time condition for this window (ns, half-open).</summary>
    public string InfluxTimeCondition =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"time >= {From.ToUnixTimeMilliseconds() * 1_000_000L} AND time < {To.ToUnixTimeMilliseconds() * 1_000_000L}");
}
