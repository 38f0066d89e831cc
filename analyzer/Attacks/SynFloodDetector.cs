using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Analyzer.Attacks;

/// <summary>
/// SYNs far above a site's baseline with few SYN-ACKs back, from the <c>packets</c> measurement: the peak SYN rate
/// of the window's buckets against max(floor, baseline). Two queries for every site: the bucketed counts, and the
/// sources that sent the most SYNs (<c>scan_top</c>) for the evidence (spoofed floods have thousands of one-SYN
/// sources; the list then shows that no single source stands out).
/// </summary>
public sealed class SynFloodDetector(IInfluxClient influx, IOptionsMonitor<AttackOptions> options, ILogger<SynFloodDetector> logger)
    : WindowDetector<BaselineState>
{
    public const string DetectorName = "syn_flood";

    public override string Name => DetectorName;

    protected override async Task<IReadOnlyList<Detection>> AnalyzeAsync(AnalysisWindow window, BaselineState state, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var f = o.SynFlood;
        if (!f.Enabled) return [];
        var result = await influx.QueryAsync(string.Create(CultureInfo.InvariantCulture,
            $"SELECT sum(\"syn\") AS \"syn\", sum(\"synack\") AS \"synack\" FROM {AttackQueries.Id(Measurements.Packets)} WHERE \"proto\" = 'tcp' AND {window.InfluxTimeCondition} GROUP BY \"site\", time({f.BucketSeconds}s) fill(none)"),
            cancellationToken).ConfigureAwait(false);

        var floods = new List<(string Site, Bucket Peak, List<Bucket> Over, double Threshold, RobustBaseline? Baseline)>();
        int sites = 0;
        foreach (var series in result.Series)
        {
            string site = InfluxRows.Site(series);
            if (site.Length == 0) continue;
            sites++;
            var buckets = series.Rows()
                .Select(r => new Bucket(InfluxRows.Time(r), InfluxRows.Number(r, "syn"), InfluxRows.Number(r, "synack"), f.BucketSeconds))
                .ToList();
            if (buckets.Count == 0) continue;
            var baseline = state.Find(site);
            double threshold = baseline?.Threshold(f.MinSynsPerSecond, o.Baseline) ?? f.MinSynsPerSecond;
            var over = buckets.Where(b => b.SynsPerSecond >= threshold && b.SynAcks <= f.MaxSynAckRatio * b.Syns).ToList();
            var peak = buckets.MaxBy(b => b.SynsPerSecond)!;
            // A window that reached the threshold stays out of the baseline even when SYN-ACKs came back: it is not ordinary.
            if (peak.SynsPerSecond < threshold) state.For(site).Update(peak.SynsPerSecond, o.Baseline);
            if (over.Count > 0) floods.Add((site, over.MaxBy(b => b.SynsPerSecond)!, over, threshold, baseline));
        }

        var detections = new List<Detection>(floods.Count);
        int queries = 1;
        Dictionary<string, List<(DateTimeOffset Time, string Src, double Syns)>> sources = [];
        if (floods.Count > 0 && f.MaxSources > 0)
        {
            sources = await TopSourcesAsync(window, cancellationToken).ConfigureAwait(false);
            queries++;
        }
        foreach (var (site, peak, over, threshold, baseline) in floods)
        {
            var time = over[0].Time;
            double syns = over.Sum(b => b.Syns), synAcks = over.Sum(b => b.SynAcks);
            var evidence = new List<DetectionEvidence>();
            foreach (var b in over)
            {
                evidence.Add(new DetectionEvidence(b.Time, "packets", "syn", Detail: string.Create(CultureInfo.InvariantCulture,
                    $"{AttackQueries.Format(b.Syns)} SYNs and {AttackQueries.Format(b.SynAcks)} SYN-ACKs in {f.BucketSeconds} s ({AttackQueries.Format(b.SynsPerSecond)}/s)"), Value: b.Syns));
                evidence.Add(new DetectionEvidence(b.Time, "packets", "synack", Value: b.SynAcks));
            }
            if (sources.TryGetValue(site, out var top))
            {
                foreach (var s in top.Take(f.MaxSources))
                    evidence.Add(new DetectionEvidence(s.Time, "feature", "syns", Detail: string.Create(CultureInfo.InvariantCulture, $"{s.Src}: {AttackQueries.Plural(s.Syns, "SYN", "SYNs")}"), Value: s.Syns));
            }
            evidence.Add(AttackQueries.Baseline(time, "syns_per_second", baseline, f.MinSynsPerSecond, threshold, o.Baseline));
            evidence.Sort(static (a, b) => a.Time.CompareTo(b.Time));
            string message = string.Create(CultureInfo.InvariantCulture,
                $"{AttackQueries.Format(peak.SynsPerSecond)} SYNs/s at peak, {AttackQueries.Format(syns)} SYNs with {AttackQueries.Format(synAcks)} SYN-ACKs back over {AttackQueries.Plural(over.Count * f.BucketSeconds, "second", "seconds")} (threshold {AttackQueries.Format(threshold)}/s)");
            detections.Add(new Detection
            {
                Time = time, Site = site, Detector = Name, Kind = DetectionKind.SynFlood,
                Score = peak.SynsPerSecond / threshold, Value = peak.SynsPerSecond, Expected = threshold, Message = message,
                Evidence = evidence, Rerun = window.Rerun,
            });
            logger.Found(Name, DetectionKind.SynFlood.ToTag(), site, message);
        }
        logger.Analysed(Name, window.From, window.To, sites, detections.Count, queries);
        return detections;
    }

    private async Task<Dictionary<string, List<(DateTimeOffset Time, string Src, double Syns)>>> TopSourcesAsync(AnalysisWindow window, CancellationToken cancellationToken)
    {
        var result = await influx.QueryAsync(
            $"SELECT \"src\", \"syns\" FROM {AttackQueries.Id(Measurements.ScanTop)} WHERE \"syns\" > 0 AND {window.InfluxTimeCondition} GROUP BY \"site\"",
            cancellationToken).ConfigureAwait(false);
        var bySite = new Dictionary<string, List<(DateTimeOffset, string, double)>>(StringComparer.Ordinal);
        foreach (var series in result.Series)
        {
            var list = series.Rows()
                .Select(r => (Time: InfluxRows.Time(r), Src: InfluxRows.Text(r, "src"), Syns: InfluxRows.Number(r, "syns")))
                .Where(r => r.Src.Length > 0)
                .GroupBy(r => r.Src, StringComparer.Ordinal)
                .Select(g => (g.Min(r => r.Time), g.Key, g.Sum(r => r.Syns)))
                .OrderByDescending(r => r.Item3).ThenBy(r => r.Key, StringComparer.Ordinal)
                .ToList();
            bySite[InfluxRows.Site(series)] = list;
        }
        return bySite;
    }

    private sealed record Bucket(DateTimeOffset Time, double Syns, double SynAcks, int Seconds)
    {
        public double SynsPerSecond => Syns / Seconds;
    }
}
