using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetOps.Core.Audit;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Dashboard.Ui;

/// <summary>
/// The overview's numbers, refreshed every few seconds from their sources (inventory, InfluxDB, /health, the
/// metrics, the audit log) while at least one screen watches, and pushed to the screens by <see cref="Changed"/>.
/// A failing source keeps the others going: its part of the snapshot says what is wrong.
/// </summary>
public sealed partial class OverviewService(
    LiveInventory inventory, IInfluxClient influx, PointWriter writer, NetOpsMetrics metrics, HealthCheckService health,
    AuditLog audit, TimeProvider time, ILogger<OverviewService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private readonly DateTimeOffset _startedAt = new(Process.GetCurrentProcess().StartTime.ToUniversalTime());
    private readonly SemaphoreSlim _wake = new(0, 1);
    private OverviewSnapshot? _current;
    private int _watchers;

    /// <summary>The latest snapshot, or null before the first refresh.</summary>
    public OverviewSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Raised on a thread-pool thread after each refresh; handlers must marshal to their renderer.</summary>
    public event Action<OverviewSnapshot>? Changed;

    /// <summary>A screen starts watching; dispose the result to stop. Refreshes run only while someone watches.</summary>
    public IDisposable Watch(Action<OverviewSnapshot> onChanged)
    {
        Changed += onChanged;
        if (Interlocked.Increment(ref _watchers) == 1 && _wake.CurrentCount == 0) _wake.Release();
        return new Watcher(this, onChanged);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref _watchers) == 0)
            {
                try { await _wake.WaitAsync(stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
            try
            {
                var snapshot = await RefreshAsync(stoppingToken);
                Volatile.Write(ref _current, snapshot);
                foreach (var handler in Changed?.GetInvocationList() ?? [])
                {
                    try { ((Action<OverviewSnapshot>)handler)(snapshot); }
                    catch (Exception e) { HandlerFailed(logger, e); }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { RefreshFailed(logger, e); }
            try { await Task.Delay(Interval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Takes one snapshot now.</summary>
    public async Task<OverviewSnapshot> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var sitesTask = Task.FromResult(CountSites(inventory.Current));
        var trafficTask = TrafficAsync(now, cancellationToken);
        var healthTask = HealthAsync(cancellationToken);
        var auditTask = AuditAsync(cancellationToken);
        await Task.WhenAll(trafficTask, healthTask, auditTask);
        var (traffic, trafficError) = await trafficTask;
        var (latest, lastInventory, auditError) = await auditTask;
        return new OverviewSnapshot(now, _startedAt, await sitesTask, traffic, trafficError, Counters(), writer.GetSpoolState(),
            await healthTask, lastInventory?.Time, lastInventory?.Actor, latest, auditError);
    }

    private static SiteCounts CountSites(SiteInventory inv)
    {
        int centres = 0, prefectures = 0, municipalities = 0, routers = 0, firewalls = 0, devices = 0, snmp = 0;
        foreach (var s in inv.Sites)
        {
            if (s.Code == Measurements.NationalCentre || s.Parent is null) centres++;
            else if (s.Parent == Measurements.NationalCentre) prefectures++;
            else municipalities++;
            foreach (var d in s.Devices)
            {
                devices++;
                if (d.Snmp is not null) snmp++;
                if (d.Kind == "router") routers++;
                else if (d.Kind == "firewall") firewalls++;
            }
        }
        return new SiteCounts(inv.Sites.Count, centres, prefectures, municipalities, devices, routers, firewalls, snmp);
    }

    private async Task<(TrafficLastHour?, string?)> TrafficAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var result = await influx.QueryAsync(
                "SELECT count(\"message\") FROM \"event\" WHERE time > now() - 1h; " +
                "SELECT sum(\"flows\") FROM \"flow\" WHERE time > now() - 1h; " +
                "SELECT count(\"message\") FROM \"event\" WHERE time > now() - 1h GROUP BY time(1m) fill(0); " +
                // each device's latest SNMP reachability change (a week back), and the traps of the hour
                SnmpReachabilityQuery + "; " +
                "SELECT count(\"message\") FROM \"event\" WHERE time > now() - 1h AND \"vendor\" = 'snmp'", timeout.Token);
            if (result.Statements.FirstOrDefault(s => s.Error is not null) is { } failed) return (null, failed.Error);
            long events = Scalar(result, 0), flows = Scalar(result, 1);
            var perMinute = new List<MinuteCount>(61);
            if (result.Statements.Count > 2)
            {
                foreach (var series in result.Statements[2].Series)
                foreach (var row in series.Values)
                {
                    if (row.Count < 2) continue;
                    var t = DateTimeOffset.UnixEpoch.AddTicks(ToLong(row[0]) / 100);
                    perMinute.Add(new MinuteCount(t, ToLong(row[1])));
                }
            }
            var polled = inventory.Current.Sites.SelectMany(x => x.Devices).Where(d => d.Snmp is not null).Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return (new TrafficLastHour(events, flows, perMinute)
            {
                SnmpNotAnswering = NotAnswering(result.Statements.Count > 3 ? result.Statements[3] : null, polled),
                SnmpTraps = Scalar(result, 4),
            }, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "InfluxDB did not answer within 5 s");
        }
        catch (InfluxException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Each device's latest SNMP reachability change, a week back: one series per device and kind (<see cref="NotAnswering"/> reads it).</summary>
    public const string SnmpReachabilityQuery =
        "SELECT last(\"message\") FROM \"event\" WHERE time > now() - 7d AND \"kind\" =~ /^snmp_(down|up)$/ GROUP BY \"device\", \"kind\"";

    /// <summary>
    /// The polled devices whose latest reachability event (<c>snmp_down</c>/<c>snmp_up</c>, one series per device and
    /// kind) is a down, sorted; a device no longer polled is left out.
    /// </summary>
    public static IReadOnlyList<string> NotAnswering(InfluxStatementResult? statement, IReadOnlySet<string> polled)
    {
        var latest = new Dictionary<string, (long Down, long Up)>(StringComparer.OrdinalIgnoreCase);
        foreach (var series in statement?.Series ?? [])
        {
            if (series.Tags.GetValueOrDefault("device") is not { Length: > 0 } device || series.Values is not [var row, ..] || row.Count < 1) continue;
            var at = ToLong(row[0]);
            var (down, up) = latest.GetValueOrDefault(device);
            latest[device] = series.Tags.GetValueOrDefault("kind") == "snmp_down" ? (Math.Max(down, at), up) : (down, Math.Max(up, at));
        }
        return [.. latest.Where(kv => kv.Value.Down > kv.Value.Up && polled.Contains(kv.Key)).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
    }

    private static long Scalar(InfluxQueryResult result, int statement) =>
        result.Statements.Count > statement && result.Statements[statement].Series is [var s, ..] && s.Values is [var row, ..] && row.Count > 1
            ? ToLong(row[1]) : 0;

    private static long ToLong(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var l) => l,
        JsonValueKind.Number => (long)e.GetDouble(),
        JsonValueKind.String when long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        JsonValueKind.String when DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) =>
            (t - DateTimeOffset.UnixEpoch).Ticks * 100,
        _ => 0,
    };

    private async Task<IReadOnlyList<PartHealth>> HealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await health.CheckHealthAsync(cancellationToken);
            return report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new PartHealth(e.Key, e.Value.Status switch
            {
                HealthStatus.Healthy => HealthState.Up,
                HealthStatus.Degraded => HealthState.Degraded,
                _ => HealthState.Down,
            }, e.Value.Description ?? e.Value.Exception?.Message)).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [new PartHealth("health", HealthState.Unknown, e.Message)];
        }
    }

    private async Task<(IReadOnlyList<AuditRecord>, AuditRecord?, string?)> AuditAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latest = await audit.QueryAsync(new AuditQuery(Limit: 8), cancellationToken);
            var inv = await audit.QueryAsync(new AuditQuery(Action: "inventory.", Limit: 1), cancellationToken);
            return (latest, inv.FirstOrDefault(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ([], null, e.Message);
        }
    }

    private SinceStartCounters Counters()
    {
        double Syslog(string outcome) => metrics.SyslogMessages.GetAllLabelValues()
            .Where(l => l.Length == 2 && l[1] == outcome).Sum(l => metrics.SyslogMessages.WithLabels(l).Value);
        double Points(string outcome) => metrics.InfluxPoints.WithLabels(outcome).Value;
        return new SinceStartCounters(Syslog("received"), Syslog("parsed"), Syslog("unknown"), Syslog("malformed"), Syslog("dropped"),
            Points("written"), Points("spooled"), Points("dropped"));
    }

    private sealed class Watcher(OverviewService owner, Action<OverviewSnapshot> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            owner.Changed -= handler;
            Interlocked.Decrement(ref owner._watchers);
        }
    }

    [LoggerMessage(1701, LogLevel.Warning, "Overview: refresh failed")]
    private static partial void RefreshFailed(ILogger logger, Exception e);

    [LoggerMessage(1702, LogLevel.Error, "Overview: a screen failed to take the new snapshot")]
    private static partial void HandlerFailed(ILogger logger, Exception e);
}
