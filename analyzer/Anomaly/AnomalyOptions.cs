using System.ComponentModel.DataAnnotations;

namespace NetOps.Analyzer.Anomaly;

/// <summary><c>Analyzer:Anomaly</c>: the traffic anomaly detector (per site and line, seasonal robust baselines).</summary>
public sealed class AnomalyOptions
{
    public const string Section = "Analyzer:Anomaly";

    /// <summary>The site classes a threshold can be given for (<see cref="SiteClassOf"/>).</summary>
    public static readonly IReadOnlyList<string> SiteClasses = ["centre", "prefecture", "municipality"];

    /// <summary><c>Analyzer:Anomaly:Threshold</c>: the score (0..1] at which a sample is reported, for site classes without their own.</summary>
    [Range(1e-9, 1.0)] public double Threshold { get; set; } = 0.6;

    /// <summary>
    /// <c>Analyzer:Anomaly:Thresholds:CLASS</c>: the threshold per site class (<c>centre</c>, <c>prefecture</c>,
    /// <c>municipality</c>); a busy prefecture node can be held to a stricter standard than a small town hall.
    /// </summary>
    public Dictionary<string, double> Thresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>Analyzer:Anomaly:Field</c>: the <c>flow</c> field summed per window.</summary>
    [Required] public string Field { get; set; } = "bytes";

    /// <summary>
    /// <c>Analyzer:Anomaly:UtcOffsetHours</c>: the clock of the hour-of-day and hour-of-week baselines; JST (+9), since
    /// office hours, weekends and holidays are the pattern.
    /// </summary>
    [Range(-14, 14)] public double UtcOffsetHours { get; set; } = 9;

    /// <summary>
    /// <c>Analyzer:Anomaly:Model:*</c>: the streaming model, with NAB's defaults except one: the beyond-range rule
    /// (<see cref="AnomalyModelOptions.BeyondRangeMargin"/>) is off, because traffic sets new highs as it grows and a
    /// new high by noise is not news to a NOC (on NAB's short series it is worth 10 points).
    /// </summary>
    public AnomalyModelOptions Model { get; set; } = new() { BeyondRangeMargin = 0 };

    /// <summary>The threshold for a site class.</summary>
    public double ThresholdFor(string siteClass) => Thresholds.TryGetValue(siteClass, out var t) ? t : Threshold;

    /// <summary><c>centre</c> (000000), <c>prefecture</c> (a node under the centre) or <c>municipality</c>.</summary>
    public static string SiteClassOf(NetOps.Core.Inventory.Site? site, string code) =>
        code == "000000" ? "centre" : site?.Parent == "000000" ? "prefecture" : "municipality";
}
