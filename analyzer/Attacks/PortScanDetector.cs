using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Analyzer.Attacks;

/// <summary>
/// One source reaching many ports or many hosts of a site, from the collector's <c>scan_top</c> feature points
/// (two queries for every site). A source is compared per collector window (its points' <c>ports</c> and
/// <c>hosts</c>), so a client that talks to one service all day never adds up to a scan; the message gives what it
/// reached over the whole analysis window. Each site's baseline is the widest reach of any source per window.
/// </summary>
public sealed class PortScanDetector(IInfluxClient influx, IOptionsMonitor<AttackOptions> options, ILogger<PortScanDetector> logger)
    : WindowDetector<BaselineState>
{
    public const string DetectorName = "port_scan";

    public override string Name => DetectorName;

    protected override async Task<IReadOnlyList<Detection>> AnalyzeAsync(AnalysisWindow window, BaselineState state, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.PortScan.Enabled) return [];
        // The widest reach per site feeds the baselines; only points over the floors (no threshold is lower) come back
        // in full, so a window over every site reads one row per site plus the few suspects, not every rank of every window.
        var widest = await influx.QueryAsync(
            $"SELECT max(\"ports\") AS \"ports\", max(\"hosts\") AS \"hosts\" FROM {AttackQueries.Id(Measurements.ScanTop)} WHERE {window.InfluxTimeCondition} GROUP BY \"site\"",
            cancellationToken).ConfigureAwait(false);
        var suspects = await influx.QueryAsync(string.Create(CultureInfo.InvariantCulture,
            $"SELECT \"src\", \"ports\", \"hosts\", \"syns\", \"packets\", \"path\" FROM {AttackQueries.Id(Measurements.ScanTop)} WHERE (\"ports\" >= {o.PortScan.MinPorts} OR \"hosts\" >= {o.PortScan.MinHosts}) AND {window.InfluxTimeCondition} GROUP BY \"site\""),
            cancellationToken).ConfigureAwait(false);
        var suspectsBySite = suspects.Series.GroupBy(InfluxRows.Site, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var detections = new List<Detection>();
        int sites = 0;
        foreach (var series in widest.Series)
        {
            string site = InfluxRows.Site(series);
            if (site.Length == 0) continue;
            sites++;
            var row0 = series.Rows().FirstOrDefault();
            double widestPorts = row0 is null ? 0 : InfluxRows.Number(row0, "ports");
            double widestHosts = row0 is null ? 0 : InfluxRows.Number(row0, "hosts");
            var sources = new Dictionary<string, SourceReach>(StringComparer.Ordinal);
            foreach (var row in suspectsBySite.GetValueOrDefault(site, []).SelectMany(s => s.Rows()))
            {
                string src = InfluxRows.Text(row, "src");
                if (src.Length == 0) continue;
                if (!sources.TryGetValue(src, out var reach)) sources[src] = reach = new SourceReach(src);
                reach.Add(InfluxRows.Time(row), InfluxRows.Number(row, "ports"), InfluxRows.Number(row, "hosts"),
                    InfluxRows.Number(row, "syns"), InfluxRows.Number(row, "packets"), InfluxRows.Text(row, "path"));
            }

            var portsBaseline = state.Find(site + "/ports");
            var hostsBaseline = state.Find(site + "/hosts");
            double portsThreshold = portsBaseline?.Threshold(o.PortScan.MinPorts, o.Baseline) ?? o.PortScan.MinPorts;
            double hostsThreshold = hostsBaseline?.Threshold(o.PortScan.MinHosts, o.Baseline) ?? o.PortScan.MinHosts;
            var scanners = sources.Values
                .Where(s => s.MaxPorts >= portsThreshold || s.MaxHosts >= hostsThreshold)
                .OrderByDescending(s => Math.Max(s.MaxPorts / portsThreshold, s.MaxHosts / hostsThreshold))
                .ThenBy(s => s.Address, StringComparer.Ordinal)
                .ToList();
            if (scanners.Count == 0)
            {
                state.For(site + "/ports").Update(widestPorts, o.Baseline);
                state.For(site + "/hosts").Update(widestHosts, o.Baseline);
                continue;
            }
            detections.Add(Describe(window, site, scanners, portsThreshold, hostsThreshold, portsBaseline, hostsBaseline, o));
        }
        foreach (var d in detections) logger.Found(Name, d.Kind.ToTag(), d.Site, d.Message);
        logger.Analysed(Name, window.From, window.To, sites, detections.Count, 2);
        return detections;
    }

    private Detection Describe(AnalysisWindow window, string site, List<SourceReach> scanners, double portsThreshold, double hostsThreshold,
        RobustBaseline? portsBaseline, RobustBaseline? hostsBaseline, AttackOptions o)
    {
        var top = scanners[0];
        bool byPorts = top.MaxPorts / portsThreshold >= top.MaxHosts / hostsThreshold;
        double value = byPorts ? top.MaxPorts : top.MaxHosts;
        double expected = byPorts ? portsThreshold : hostsThreshold;
        var time = scanners.Min(s => s.First);
        string message = string.Create(CultureInfo.InvariantCulture,
            $"{top.Address} reached {AttackQueries.Plural(top.TotalPorts, "port", "ports")} on {AttackQueries.Plural(top.MaxHosts, "host", "hosts")} ({AttackQueries.Plural(top.Syns, "SYN", "SYNs")}; up to {AttackQueries.Format(value)} {(byPorts ? "ports" : "hosts")} in one window, threshold {AttackQueries.Format(expected)})");
        if (scanners.Count > 1) message += string.Create(CultureInfo.InvariantCulture, $"; {scanners.Count - 1} more {(scanners.Count == 2 ? "source" : "sources")}");

        var evidence = new List<DetectionEvidence>();
        foreach (var s in scanners.Take(o.PortScan.MaxSources))
        {
            evidence.Add(new DetectionEvidence(s.First, "feature", "distinct_ports", Detail: string.Create(CultureInfo.InvariantCulture,
                $"{s.Address}: {AttackQueries.Plural(s.TotalPorts, "port", "ports")} on {AttackQueries.Plural(s.MaxHosts, "host", "hosts")}, {AttackQueries.Plural(s.Syns, "SYN", "SYNs")}, {AttackQueries.Plural(s.Packets, "probe", "probes")} from {s.Path}"), Value: s.MaxPorts));
            evidence.Add(new DetectionEvidence(s.First, "feature", "distinct_hosts", Detail: s.Address, Value: s.MaxHosts));
        }
        evidence.Add(AttackQueries.Baseline(time, "distinct_ports", portsBaseline, o.PortScan.MinPorts, portsThreshold, o.Baseline));
        evidence.Add(AttackQueries.Baseline(time, "distinct_hosts", hostsBaseline, o.PortScan.MinHosts, hostsThreshold, o.Baseline));
        evidence.Sort(static (a, b) => a.Time.CompareTo(b.Time));
        return new Detection
        {
            Time = time, Site = site, Detector = Name, Kind = DetectionKind.PortScan,
            Score = value / expected, Value = value, Expected = expected, Message = message, Evidence = evidence, Rerun = window.Rerun,
        };
    }

    /// <summary>One source's points of the window: the widest reach in one collector window, and the totals.</summary>
    private sealed class SourceReach(string address)
    {
        public string Address { get; } = address;
        public DateTimeOffset First { get; private set; } = DateTimeOffset.MaxValue;
        public double MaxPorts { get; private set; }
        public double MaxHosts { get; private set; }
        /// <summary>Ports summed over the collector windows over the floor: what the message reports (a port probed again in a later window counts twice).</summary>
        public double TotalPorts { get; private set; }
        public double Syns { get; private set; }
        public double Packets { get; private set; }
        public string Path { get; private set; } = "";

        public void Add(DateTimeOffset time, double ports, double hosts, double syns, double packets, string path)
        {
            if (time < First) First = time;
            MaxPorts = Math.Max(MaxPorts, ports);
            MaxHosts = Math.Max(MaxHosts, hosts);
            TotalPorts += ports;
            Syns += syns;
            Packets += packets;
            if (path.Length > 0 && !Path.Contains(path, StringComparison.Ordinal)) Path = Path.Length == 0 ? path : Path + "+" + path;
        }
    }
}
