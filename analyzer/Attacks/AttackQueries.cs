using System.Globalization;
using NetOps.Core.Influx;

namespace NetOps.Analyzer.Attacks;

/// <summary>Quoting for the attack detectors' InfluxQL, and how their figures read in messages and evidence.</summary>
internal static class AttackQueries
{
    public static string Quote(string s) => InfluxHttpClient.QuoteString(s);

    public static string Id(string s) => InfluxHttpClient.QuoteIdentifier(s);

    /// <summary>"1,000"; fractions with one decimal below 100.</summary>
    public static string Format(double value) =>
        value >= 100 || value == Math.Floor(value)
            ? Math.Round(value).ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("#,0.0", CultureInfo.InvariantCulture);

    public static string Plural(double n, string one, string many) => Format(n) + " " + (Math.Round(n) == 1 ? one : many);

    /// <summary>The baseline's own line of evidence: what the window was compared with, and why.</summary>
    public static NetOps.Core.Detections.DetectionEvidence Baseline(DateTimeOffset time, string figure, RobustBaseline? b, double floor, double threshold, BaselineOptions o)
    {
        string detail = b is not null && b.Ready(o)
            ? string.Create(CultureInfo.InvariantCulture, $"{figure}: threshold {Format(threshold)} from the site's median {Format(b.Median)} and MAD {Format(b.Mad)} over {b.Samples} windows (floor {Format(floor)})")
            : string.Create(CultureInfo.InvariantCulture, $"{figure}: no baseline yet ({b?.Samples ?? 0} of {o.MinSamples} windows), the floor {Format(floor)} applies");
        return new(time, "baseline", figure, Detail: detail, Value: threshold);
    }
}
