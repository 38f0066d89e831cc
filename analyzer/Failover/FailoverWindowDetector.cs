using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Sites;

namespace NetOps.Analyzer.Failover;

/// <summary>
/// The failover state machine fed from InfluxDB, one window at a time: when the analyzer runs apart from the
/// collector, the same detections as the in-memory path, one window later. One request of two statements per window
/// for all sites: the line events, and bytes per site, exporter and traffic window.
/// </summary>
public sealed class FailoverWindowDetector(IInfluxClient influx, IInventorySource inventory, SiteStateStore states, IOptionsMonitor<FailoverOptions> options)
    : WindowDetector<FailoverTracker>
{
    public override string Name => FailoverTracker.DetectorName;

    protected override async Task<IReadOnlyList<Detection>> AnalyzeAsync(AnalysisWindow window, FailoverTracker tracker, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var signals = await ReadSignalsAsync(window, o, cancellationToken);
        var output = new FailoverOutput();
        foreach (var s in signals) tracker.Process(s, o, output, window.Rerun);
        tracker.Tick(window.To, o, output, window.Rerun);
        if (!window.Rerun && output.States.Count > 0) await states.SetAsync(output.States.ToList(), cancellationToken);
        return output.Detections.ToList();
    }

    /// <summary>The window's signals in the order the collector would have handed them over: by time, events before traffic.</summary>
    public async Task<List<LineSignal>> ReadSignalsAsync(AnalysisWindow window, FailoverOptions o, CancellationToken cancellationToken)
    {
        var kinds = string.Join("|", FailoverSignals.EventKinds);
        var q = string.Create(CultureInfo.InvariantCulture,
            $"SELECT \"message\", \"kind\", \"line\", \"device\", \"site\" FROM \"{Measurements.Event}\" WHERE {window.InfluxTimeCondition} AND \"kind\" =~ /^({kinds})$/; " +
            $"SELECT sum(\"bytes\") AS \"bytes\" FROM \"{Measurements.Flow}\" WHERE {window.InfluxTimeCondition} GROUP BY time({o.TrafficBucketSeconds}s), \"site\", \"exporter\" fill(none); " +
            $"SELECT \"in_octets\", \"out_octets\", \"in_errors\", \"out_errors\", \"oper_up\", \"speed_mbps\", \"elapsed_s\", \"ifname\", \"line\", \"device\", \"site\" FROM \"{Measurements.Interface}\" " +
            $"WHERE {window.InfluxTimeCondition} AND \"line\" =~ /^(primary|backup)$/");
        var result = await influx.QueryAsync(q, cancellationToken);
        var list = new List<(LineSignal Signal, int Order)>();
        var inv = inventory.Current;
        foreach (var statement in result.Statements)
        {
            if (statement.Error is { } error) throw new InfluxException($"failover window {window.From:O}: {error}", isRetryable: false);
            foreach (var row in statement.Series.SelectMany(s => s.Rows()))
            {
                var time = FailoverSignals.FromNs(row["time"].GetInt64());
                if (statement.StatementId == 0)
                {
                    if (FailoverSignals.FromEvent(time, InfluxRows.Text(row, "site"), InfluxRows.Text(row, "device"), InfluxRows.Text(row, "kind"), InfluxRows.Text(row, "line"), InfluxRows.Text(row, "message")) is { } e)
                        list.Add((e, 0));
                }
                else if (statement.StatementId == 2)
                {
                    if (FailoverSignals.FromInterface(time, InfluxRows.Text(row, "site"), InfluxRows.Text(row, "device"), InfluxRows.Text(row, "ifname"), InfluxRows.Text(row, "line"),
                            Maybe(row, "in_octets"), Maybe(row, "out_octets"), Maybe(row, "in_errors"), Maybe(row, "out_errors"), Flag(row, "oper_up"), Maybe(row, "speed_mbps"), Maybe(row, "elapsed_s")) is { } h)
                        list.Add((h, 0));
                }
                else if (InfluxRows.Text(row, "site") is { Length: > 0 } site && row.TryGetValue("bytes", out var b) && b.ValueKind == JsonValueKind.Number)
                {
                    var exporter = InfluxRows.Text(row, "exporter");
                    var line = FailoverSignals.LineOfExporter(inv, site, exporter);
                    // GROUP BY time puts a point written at a collector window's end into the bucket starting there.
                    if (line != LineRole.None) list.Add((new LineSignal(time, site, line, SignalKind.Traffic, "flow", exporter, null, b.GetDouble()), 1));
                }
            }
        }
        return list.OrderBy(x => x.Signal.Time).ThenBy(x => x.Order).Select(x => x.Signal).ToList();
    }

    private static double? Maybe(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    private static bool? Flag(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var e) ? e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => e.GetDouble() != 0,
            _ => null,
        } : null;
}
