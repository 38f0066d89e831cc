using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Analyzer.Anomaly;

/// <summary>
/// The <c>anomaly</c> window detector: per window, the traffic of every site and line from one grouped InfluxDB query
/// (<c>flow</c> bytes by site and exporter; the exporter's line, primary or backup, from the inventory), each series
/// fed to the same <see cref="StreamingAnomalyModel"/> that is scored on NAB, and a detection wherever the score
/// reaches the threshold of the site's class. The per-series model states are the detector's persisted state.
/// </summary>
public sealed class TrafficAnomalyDetector : WindowDetector<TrafficAnomalyState>
{
    public const string DetectorName = "anomaly";

    private readonly IInfluxClient _influx;
    private readonly IInventorySource _inventory;
    private readonly IOptionsMonitor<AnomalyOptions> _options;
    private readonly ILogger<TrafficAnomalyDetector> _logger;

    public TrafficAnomalyDetector(IInfluxClient influx, IInventorySource inventory, IOptionsMonitor<AnomalyOptions> options, ILogger<TrafficAnomalyDetector> logger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _influx = influx;
        _inventory = inventory;
        _options = options;
        _logger = logger;
    }

    public override string Name => DetectorName;

    protected override async Task<IReadOnlyList<Detection>> AnalyzeAsync(AnalysisWindow window, TrafficAnomalyState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(state);
        var options = _options.CurrentValue; // read per window: thresholds reload without a restart
        var traffic = await ReadTrafficAsync(window, options.Field, cancellationToken).ConfigureAwait(false);
        if (traffic.Count == 0)
        {
            // no flow points at all is the collector or InfluxDB being away, not every site going quiet at once
            _logger.NoFlows(window.From);
            return [];
        }

        // a series seen before but silent in this window carried nothing: zero is its figure
        foreach (var key in state.Series.Keys)
            if (!traffic.ContainsKey(key)) traffic[key] = new LineTraffic(0, []);

        var model = new StreamingAnomalyModel(options.Model);
        var local = window.From.UtcDateTime.AddHours(options.UtcOffsetHours);
        var inventory = _inventory.Current;
        var detections = new List<Detection>();
        foreach (var (key, figure) in traffic.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!state.Series.TryGetValue(key, out var series)) state.Series[key] = series = new AnomalySeriesState();
            var reading = model.Observe(series, local, figure.Bytes);
            var (site, line) = SplitKey(key);
            var siteClass = AnomalyOptions.SiteClassOf(inventory.FindSite(site), site);
            if (reading.Score < options.ThresholdFor(siteClass)) continue;
            detections.Add(Describe(window, site, line, figure, reading, options.Field));
        }
        _logger.AnalyzedWindow(window.From, traffic.Count, detections.Count);
        return detections;
    }

    // ONE query for all sites: sum per site and exporter, then exporters folded into their site's lines
    private async Task<Dictionary<string, LineTraffic>> ReadTrafficAsync(AnalysisWindow window, string field, CancellationToken cancellationToken)
    {
        var query = $"SELECT sum({InfluxHttpClient.QuoteIdentifier(field)}) AS \"value\" FROM \"flow\" WHERE {window.InfluxTimeCondition} GROUP BY \"site\", \"exporter\"";
        var result = await _influx.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var inventory = _inventory.Current;
        var traffic = new Dictionary<string, LineTraffic>(StringComparer.Ordinal);
        foreach (var series in result.Series)
        {
            if (!series.Tags.TryGetValue("site", out var site) || string.IsNullOrEmpty(site)) continue;
            series.Tags.TryGetValue("exporter", out var exporter);
            double bytes = 0;
            int column = IndexOf(series.Columns, "value");
            foreach (var row in series.Values)
                if (column >= 0 && column < row.Count && row[column].ValueKind == JsonValueKind.Number) bytes += row[column].GetDouble();
            var line = LineOf(inventory, exporter, site, window);
            var key = site + "/" + line;
            var exporters = traffic.TryGetValue(key, out var sofar) ? sofar.Exporters : [];
            if (!string.IsNullOrEmpty(exporter)) exporters = [.. exporters, exporter];
            traffic[key] = new LineTraffic((sofar?.Bytes ?? 0) + bytes, exporters);
        }
        return traffic;
    }

    private string LineOf(SiteInventory inventory, string? exporter, string site, AnalysisWindow window)
    {
        if (string.IsNullOrEmpty(exporter)) return "none";
        if (inventory.FindByName(exporter) is { } match)
            return match.Device.Line is "primary" or "backup" ? match.Device.Line : "none";
        _logger.UnknownExporter(window.From, exporter, site);
        return "none";
    }

    private static Detection Describe(AnalysisWindow window, string site, string line, LineTraffic figure, AnomalyReading reading, string field)
    {
        var c = CultureInfo.InvariantCulture;
        var direction = figure.Bytes >= reading.Expected ? "above" : "below";
        var minutes = window.Length.TotalMinutes;
        var message = string.Create(c,
            $"Traffic on the {line} line {direction} its {reading.Baseline} baseline: {figure.Bytes:N0} {field} in {minutes:0.#} min, expected {reading.Expected:N0} ({reading.Deviation:F1} robust sigmas, score {reading.Score:F2})");
        return new Detection
        {
            Time = window.From,
            Site = site,
            Detector = DetectorName,
            Kind = DetectionKind.Anomaly,
            Score = reading.Score,
            Value = figure.Bytes,
            Expected = reading.Expected,
            Line = line,
            Message = message,
            Rerun = window.Rerun,
            Evidence =
            [
                new DetectionEvidence(window.From, "flow", field, figure.Exporters.Count == 1 ? figure.Exporters[0] : null, line,
                    string.Create(c, $"{figure.Bytes:N0} {field} from {(figure.Exporters.Count == 0 ? "no exporter" : string.Join(", ", figure.Exporters))} in {minutes:0.#} min"), figure.Bytes),
                new DetectionEvidence(window.From, "baseline", reading.Baseline, null, line,
                    string.Create(c, $"expected {reading.Expected:N0} {field} ({reading.Baseline} baseline), {reading.Deviation:F1} robust sigmas away"), reading.Expected),
            ],
        };
    }

    private static (string Site, string Line) SplitKey(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++) if (columns[i] == name) return i;
        return -1;
    }

    private sealed record LineTraffic(double Bytes, IReadOnlyList<string> Exporters);
}
