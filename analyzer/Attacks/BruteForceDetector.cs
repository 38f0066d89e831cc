using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Analyzer.Attacks;

/// <summary>
/// A burst of authentication failures (<c>event</c>, kind <c>auth_fail</c>) against one device: the busiest bucket of
/// each device against max(floor, the site's baseline of its busiest device). Two queries for every site: bucketed
/// counts per device, then, for devices that fired only, a sample of their events to name the sources and users.
/// One detection per site; every device over the threshold is in its evidence.
/// </summary>
public sealed class BruteForceDetector(IInfluxClient influx, IOptionsMonitor<AttackOptions> options, ILogger<BruteForceDetector> logger)
    : WindowDetector<BaselineState>
{
    public const string DetectorName = "brute_force";

    private static readonly string[] SourceKeys = ["source", "src", "srcip", "remote", "from"];

    public override string Name => DetectorName;

    protected override async Task<IReadOnlyList<Detection>> AnalyzeAsync(AnalysisWindow window, BaselineState state, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var b = o.BruteForce;
        if (!b.Enabled) return [];
        string kind = EventKind.AuthFail.ToTag();
        var result = await influx.QueryAsync(string.Create(CultureInfo.InvariantCulture,
            $"SELECT count(\"message\") AS \"n\" FROM {AttackQueries.Id(Measurements.Event)} WHERE \"kind\" = {AttackQueries.Quote(kind)} AND {window.InfluxTimeCondition} GROUP BY \"site\", \"device\", time({b.BucketSeconds}s) fill(none)"),
            cancellationToken).ConfigureAwait(false);

        // site → device → buckets
        var bySite = new Dictionary<string, Dictionary<string, List<(DateTimeOffset Time, double Count)>>>(StringComparer.Ordinal);
        foreach (var series in result.Series)
        {
            string site = InfluxRows.Site(series);
            string device = series.Tags.GetValueOrDefault("device") ?? "";
            if (site.Length == 0) continue;
            if (!bySite.TryGetValue(site, out var devices)) bySite[site] = devices = new(StringComparer.Ordinal);
            devices[device] = series.Rows().Select(r => (InfluxRows.Time(r), InfluxRows.Number(r, "n"))).Where(r => r.Item2 > 0).ToList();
        }

        var bursts = new List<(string Site, List<Burst> Devices, double Threshold, RobustBaseline? Baseline)>();
        foreach (var (site, devices) in bySite)
        {
            var baseline = state.Find(site);
            double threshold = baseline?.Threshold(b.MinFailures, o.Baseline) ?? b.MinFailures;
            double busiest = 0;
            var over = new List<Burst>();
            foreach (var (device, buckets) in devices)
            {
                if (buckets.Count == 0) continue;
                busiest = Math.Max(busiest, buckets.Max(x => x.Count));
                var hot = buckets.Where(x => x.Count >= threshold).ToList();
                if (hot.Count > 0) over.Add(new Burst(device, hot[0].Time, hot.Max(x => x.Count), hot.Sum(x => x.Count)));
            }
            if (over.Count == 0) state.For(site).Update(busiest, o.Baseline);
            else bursts.Add((site, over.OrderByDescending(x => x.Peak).ThenBy(x => x.Device, StringComparer.Ordinal).ToList(), threshold, baseline));
        }

        int queries = 1;
        var samples = new Dictionary<(string Site, string Device), Sample>();
        if (bursts.Count > 0)
        {
            samples = await SampleAsync(window, bursts.SelectMany(x => x.Devices.Select(d => (x.Site, d.Device))).ToList(), b.SampleEvents, cancellationToken).ConfigureAwait(false);
            queries++;
        }

        var detections = new List<Detection>(bursts.Count);
        foreach (var (site, devices, threshold, baseline) in bursts)
        {
            var top = devices[0];
            var time = devices.Min(d => d.First);
            var evidence = new List<DetectionEvidence>();
            foreach (var d in devices)
            {
                samples.TryGetValue((site, d.Device), out var sample);
                string from = sample is { Sources.Count: > 0 } ? " from " + string.Join(", ", sample.Sources.Take(3)) : "";
                string users = sample is { Users.Count: > 0 } ? " as " + string.Join(", ", sample.Users.Take(3)) : "";
                evidence.Add(new DetectionEvidence(d.First, "event", kind, Device: d.Device, Detail: string.Create(CultureInfo.InvariantCulture,
                    $"{AttackQueries.Plural(d.Total, "failed login", "failed logins")} on {d.Device}{from}{users}; first: {sample?.FirstMessage ?? ""}"), Value: d.Peak));
            }
            evidence.Add(AttackQueries.Baseline(time, "auth_fail_per_bucket", baseline, b.MinFailures, threshold, o.Baseline));
            evidence.Sort(static (x, y) => x.Time.CompareTo(y.Time));
            samples.TryGetValue((site, top.Device), out var topSample);
            string source = topSample is { Sources.Count: > 0 } ? " from " + string.Join(", ", topSample.Sources.Take(3)) : "";
            string message = string.Create(CultureInfo.InvariantCulture,
                $"{AttackQueries.Plural(top.Peak, "failed login", "failed logins")} in {b.BucketSeconds} s on {top.Device}{source} ({AttackQueries.Format(top.Total)} in the window, threshold {AttackQueries.Format(threshold)})");
            if (devices.Count > 1) message += string.Create(CultureInfo.InvariantCulture, $"; {devices.Count - 1} more {(devices.Count == 2 ? "device" : "devices")}");
            detections.Add(new Detection
            {
                Time = time, Site = site, Detector = Name, Kind = DetectionKind.BruteForce,
                Score = top.Peak / threshold, Value = top.Peak, Expected = threshold, Message = message, Evidence = evidence, Rerun = window.Rerun,
            });
            logger.Found(Name, DetectionKind.BruteForce.ToTag(), site, message);
        }
        logger.Analysed(Name, window.From, window.To, bySite.Count, detections.Count, queries);
        return detections;
    }

    /// <summary>One query for every device that fired: its first events, for the sources and users they name.</summary>
    private async Task<Dictionary<(string Site, string Device), Sample>> SampleAsync(AnalysisWindow window, List<(string Site, string Device)> devices, int limit, CancellationToken cancellationToken)
    {
        string which = string.Join(" OR ", devices.Select(d => $"(\"site\" = {AttackQueries.Quote(d.Site)} AND \"device\" = {AttackQueries.Quote(d.Device)})"));
        var result = await influx.QueryAsync(string.Create(CultureInfo.InvariantCulture,
            $"SELECT \"message\", \"detail\" FROM {AttackQueries.Id(Measurements.Event)} WHERE \"kind\" = {AttackQueries.Quote(EventKind.AuthFail.ToTag())} AND ({which}) AND {window.InfluxTimeCondition} GROUP BY \"site\", \"device\" LIMIT {limit}"),
            cancellationToken).ConfigureAwait(false);
        var samples = new Dictionary<(string, string), Sample>();
        foreach (var series in result.Series)
        {
            var sample = new Sample();
            foreach (var row in series.Rows())
            {
                sample.FirstMessage ??= InfluxRows.Text(row, "message");
                var detail = Logfmt.Parse(InfluxRows.Text(row, "detail"));
                foreach (var key in SourceKeys)
                {
                    if (detail.TryGetValue(key, out var v) && v.Length > 0) { Count(sample.SourceCounts, v); break; }
                }
                if (detail.TryGetValue("user", out var user) && user.Length > 0) Count(sample.UserCounts, user);
            }
            samples[(InfluxRows.Site(series), series.Tags.GetValueOrDefault("device") ?? "")] = sample;
        }
        return samples;
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private sealed record Burst(string Device, DateTimeOffset First, double Peak, double Total);

    private sealed class Sample
    {
        public string? FirstMessage { get; set; }
        public Dictionary<string, int> SourceCounts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> UserCounts { get; } = new(StringComparer.Ordinal);
        public List<string> Sources => SourceCounts.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key).ToList();
        public List<string> Users => UserCounts.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key).ToList();
    }
}
