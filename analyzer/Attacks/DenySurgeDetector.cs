using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Analyzer.Attacks;

/// <summary>
/// Firewall denies (<c>firewall</c>, action=deny) far above a site's baseline: the site's peak deny rate per bucket
/// (all its firewalls together) against max(floor, baseline). One query for every site, by device and bucket.
/// </summary>
public sealed class DenySurgeDetector(IInfluxClient influx, IOptionsMonitor<AttackOptions> options, ILogger<DenySurgeDetector> logger)
    : WindowDetector<BaselineState>
{
    public const string DetectorName = "deny_surge";

    public override string Name => DetectorName;

    protected override async Task<IReadOnlyList<Detection>> AnalyzeAsync(AnalysisWindow window, BaselineState state, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var d = o.DenySurge;
        if (!d.Enabled) return [];
        var result = await influx.QueryAsync(string.Create(CultureInfo.InvariantCulture,
            $"SELECT sum(\"count\") AS \"n\" FROM {AttackQueries.Id(Measurements.Firewall)} WHERE \"action\" = 'deny' AND {window.InfluxTimeCondition} GROUP BY \"site\", \"device\", time({d.BucketSeconds}s) fill(none)"),
            cancellationToken).ConfigureAwait(false);

        // site → bucket time → device → denies
        var bySite = new Dictionary<string, SortedDictionary<DateTimeOffset, Dictionary<string, double>>>(StringComparer.Ordinal);
        foreach (var series in result.Series)
        {
            string site = InfluxRows.Site(series);
            if (site.Length == 0) continue;
            string device = series.Tags.GetValueOrDefault("device") ?? "";
            if (!bySite.TryGetValue(site, out var buckets)) bySite[site] = buckets = [];
            foreach (var row in series.Rows())
            {
                double n = InfluxRows.Number(row, "n");
                if (n <= 0) continue;
                var t = InfluxRows.Time(row);
                if (!buckets.TryGetValue(t, out var devices)) buckets[t] = devices = new(StringComparer.Ordinal);
                devices[device] = devices.GetValueOrDefault(device) + n;
            }
        }

        var detections = new List<Detection>();
        foreach (var (site, buckets) in bySite)
        {
            if (buckets.Count == 0) continue;
            var baseline = state.Find(site);
            double threshold = baseline?.Threshold(d.MinDeniesPerSecond, o.Baseline) ?? d.MinDeniesPerSecond;
            var rates = buckets.Select(b => (Time: b.Key, Devices: b.Value, Rate: b.Value.Values.Sum() / d.BucketSeconds)).ToList();
            var over = rates.Where(r => r.Rate >= threshold).ToList();
            if (over.Count == 0)
            {
                state.For(site).Update(rates.Max(r => r.Rate), o.Baseline);
                continue;
            }
            var peak = over.MaxBy(r => r.Rate);
            double total = over.Sum(r => r.Devices.Values.Sum());
            var byDevice = over.SelectMany(r => r.Devices).GroupBy(x => x.Key, StringComparer.Ordinal)
                .Select(g => (Device: g.Key, Denies: g.Sum(x => x.Value))).OrderByDescending(x => x.Denies).ThenBy(x => x.Device, StringComparer.Ordinal).ToList();
            var evidence = new List<DetectionEvidence>();
            foreach (var r in over)
            {
                foreach (var (device, n) in r.Devices.OrderByDescending(x => x.Value))
                    evidence.Add(new DetectionEvidence(r.Time, "firewall", "deny", Device: device, Detail: string.Create(CultureInfo.InvariantCulture,
                        $"{AttackQueries.Format(n)} denies on {device} in {d.BucketSeconds} s"), Value: n));
            }
            evidence.Add(AttackQueries.Baseline(over[0].Time, "denies_per_second", baseline, d.MinDeniesPerSecond, threshold, o.Baseline));
            evidence.Sort(static (a, b) => a.Time.CompareTo(b.Time));
            string message = string.Create(CultureInfo.InvariantCulture,
                $"{AttackQueries.Format(peak.Rate)} firewall denies/s at peak, {AttackQueries.Format(total)} over {AttackQueries.Plural(over.Count * d.BucketSeconds, "second", "seconds")}, most on {byDevice[0].Device} (threshold {AttackQueries.Format(threshold)}/s)");
            detections.Add(new Detection
            {
                Time = over[0].Time, Site = site, Detector = Name, Kind = DetectionKind.DenySurge,
                Score = peak.Rate / threshold, Value = peak.Rate, Expected = threshold, Message = message, Evidence = evidence, Rerun = window.Rerun,
            });
            logger.Found(Name, DetectionKind.DenySurge.ToTag(), site, message);
        }
        logger.Analysed(Name, window.From, window.To, bySite.Count, detections.Count, 1);
        return detections;
    }
}
