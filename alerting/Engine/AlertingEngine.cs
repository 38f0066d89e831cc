using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Alerting.Alerts;
using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Inhibition;
using NetOps.Alerting.Mail;
using NetOps.Alerting.OnCall;
using NetOps.Alerting.Silencing;
using NetOps.Alerting.Store;
using NetOps.Core.Alerting.Storage;
using NetOps.Core.Detections;
using NetOps.Core.Detections.Storage;
using NetOps.Core.Inventory;
using NetOps.Core.Links;
using NetOps.Core.State;
using NetOps.Core.Drills;

namespace NetOps.Alerting.Engine;

/// <summary>
/// Where the engine is in the <c>detections</c> table: the last row read (time and id, in that order) and the ids read
/// in the last <c>Overlap</c>, so that a row another node committed late, stamped before the cursor, is read once.
/// Kept in the watermark row's state (<see cref="WindowWatermark.StateJson"/>).
/// </summary>
internal sealed record DetectionCursor(long Ms, DateTimeOffset? Time, string? Id, IReadOnlyList<DetectionCursor.Seen> Recent)
{
    public const int MaxRecent = 20_000;

    public sealed record Seen(string Id, DateTimeOffset At);

    public static DetectionCursor Read(WindowWatermark mark)
    {
        var stored = string.IsNullOrEmpty(mark.StateJson) ? null : JsonSerializer.Deserialize<DetectionCursor>(mark.StateJson, AlertRows.Json);
        return stored is { Time: not null } ? stored with { Recent = stored.Recent ?? [] } : new DetectionCursor(mark.WatermarkMs, null, null, []);
    }

    public void Write(WindowWatermark mark, DateTimeOffset now)
    {
        mark.WatermarkMs = Ms;
        mark.StateJson = JsonSerializer.Serialize(this, AlertRows.Json);
        mark.UpdatedAt = now;
    }
}

/// <summary>What a pass did, and when the next one is needed (a flush, a step or a resolution falling due).</summary>
public sealed record PassResult(int Detections, int Pages, DateTimeOffset? NextDueAt, IReadOnlyList<DateTimeOffset> StepsDue, bool More);

/// <summary>
/// The alerting engine. One pass, in one write transaction under one lock (so two nodes never decide the same thing):
/// reads the detections stored since its watermark and fires, refires or clears alerts; resolves alerts not seen
/// for <c>Alerting:ResolveAfterMinutes</c> and line alerts of sites that are up again; applies silences and the
/// LGWAN tree's inhibition; puts alerts in their route's group; flushes due groups; and makes the escalation steps
/// that fell due into pages. A page is a row with a unique key (group, episode, step or flush, person), so a pass
/// repeated after a crash or on another node finds it and makes nothing twice. The sender mails the rows.
/// </summary>
public sealed partial class AlertingEngine(
    IDbContextFactory<NetOpsDbContext> contexts,
    LiveInventory inventory,
    OnCallDirectory oncall,
    SignedLinks links,
    PageSignal pageSignal,
    AlertingMetrics metrics,
    IOptions<AlertingOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<AlertingEngine> logger)
{
    /// <summary>The lock every write to alerts takes (the engine's pass and people's actions), so neither overwrites the other.</summary>
    internal const long LockKey = 0x4E65744F7073416C; // "NetOpsAl"
    public const string WatermarkName = "alerting/detections";
    public const string AckPurpose = "alert-ack";
    /// <summary>The label that marks an alert of a site under drill: the drill's id.</summary>
    public const string DrillLabel = "drill";
    private const string DrillPolicyPrefix = "drill:";
    /// <summary>The route index of drill groups (real routes count from 0).</summary>
    private const int DrillRouteIndex = -100;
    private const int DetectionBatch = 2000;
    /// <summary>Detections are read again this far behind the watermark: a row committed late by another node is not skipped; reading one twice changes nothing.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    private readonly AlertingOptions _options = options.Value;
    // The options validator has stopped the start when a rule does not compile.
    private readonly RuleInhibitor _rules = new(InhibitRuleOptions.Compile(options.Value.Inhibit).Rules);
    private readonly LiveInventory _inventory = inventory;
    private readonly OnCallDirectory _oncall = oncall;
    private readonly SignedLinks _links = links;
    private readonly AlertingMetrics _metrics = metrics;
    private readonly ILogger _logger = logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Raised after a pass that changed alerts (the screen listens). Handlers must not block.</summary>
    public event Action? Changed;

    private string PublicUrl => (configuration["Dashboard:PublicUrl"] is { Length: > 0 } u ? u : configuration["Dashboard:Url"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    /// <summary>One pass; <paramref name="posted"/> are alerts Prometheus sent (<c>POST /api/v2/alerts</c>), taken in the same transaction.</summary>
    public async Task<PassResult> RunAsync(CancellationToken cancellationToken, IReadOnlyList<PostedAlert>? posted = null)
    {
        await _gate.WaitAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _oncall.RefreshAsync(cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var strategy = db.Database.CreateExecutionStrategy();
            var result = await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await StateDbTransactions.BeginWriteAsync(db, LockKey, ct);
                var pass = new Pass(this, db, time.GetUtcNow());
                var r = await pass.RunAsync(posted ?? [], ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return (r, pass.Changed);
            }, cancellationToken);
            if (result.r.Pages > 0) pageSignal.Kick();
            if (result.Changed)
            {
                try { Changed?.Invoke(); }
                catch (Exception e) { ListenerFailed(_logger, e); }
            }
            return result.r;
        }
        finally
        {
            _metrics.PassSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            _gate.Release();
        }
    }

    /// <summary>One pass's working set.</summary>
    private sealed class Pass(AlertingEngine engine, NetOpsDbContext db, DateTimeOffset now)
    {
        private readonly Dictionary<string, AlertRecord> _rows = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AlertGroupRecord> _groups = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string? Name, string? Email)> _users = new(StringComparer.OrdinalIgnoreCase);
        private int _pages;
        private readonly List<DateTimeOffset> _stepsDue = [];
        public bool Changed { get; private set; }

        private AlertingOptions Options => engine._options;

        public async Task<PassResult> RunAsync(IReadOnlyList<PostedAlert> posted, CancellationToken ct)
        {
            var recentlyResolved = now - TimeSpan.FromDays(1);
            foreach (var row in await db.Alerts.Where(a => a.State != "resolved" || (a.GroupKey != null && a.EndsAt > recentlyResolved)).ToListAsync(ct))
                Track(row);
            var since = now - TimeSpan.FromDays(1);
            _drills = [.. (await db.Drills.AsNoTracking().Where(d => d.State == "running" || d.EndedAt >= since).ToListAsync(ct)).Select(Drill.From)];
            var (detections, more) = await ReadDetectionsAsync(ct);
            await TakePostedAsync(posted, ct);
            // New alerts get their ids now: suppressions, links and pages below name them.
            await db.SaveChangesAsync(ct);
            await ResolveQuietAsync(ct);
            await SuppressAsync(ct);
            await GroupAsync(ct);
            await FlushAsync(ct);
            await EscalateAsync(ct);
            return new PassResult(detections, _pages, NextDue(), _stepsDue, more);
        }

        private Alert AlertOf(AlertRecord row)
        {
            if (!_byRow.TryGetValue(row, out var alert)) _byRow[row] = alert = AlertRows.ToAlert(row);
            return alert;
        }

        private readonly Dictionary<AlertRecord, Alert> _byRow = new(ReferenceEqualityComparer.Instance);
        private List<Drill> _drills = [];

        /// <summary>
        /// An alert of a site under drill at <paramref name="at"/> carries the label <c>drill</c> (the drill's id): it is
        /// another alert than the real one of the same kind, marked as drill everywhere, and paged to the drill's roster.
        /// </summary>
        private IReadOnlyDictionary<string, string> Drilled(IReadOnlyDictionary<string, string> labels, DateTimeOffset at)
        {
            if (_drills.Count == 0 || labels.ContainsKey(DrillLabel) || !labels.TryGetValue("site", out var site)) return labels;
            if (_drills.FirstOrDefault(d => d.Covers(site, at)) is not { } drill) return labels;
            return new Dictionary<string, string>(labels, StringComparer.Ordinal) { [DrillLabel] = drill.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        /// <summary>The drill's own route: one group per drill, no wait, so that the drill measures people, not NetOps' timers.</summary>
        private static (Route Route, GroupKey Key) DrillMatch(string drillId) =>
            (DrillRoute(drillId), new GroupKey(DrillRouteIndex, $"{DrillLabel}={drillId}"));

        private static Route DrillRoute(string drillId) =>
            new([], DrillPolicyPrefix + drillId, [DrillLabel], new GroupTimings(TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromHours(4)));

        /// <summary>A drill group's policy: its roster, paged at once and again after five minutes while nobody acknowledges.</summary>
        private EscalationPolicy? DrillPolicy(string policy)
        {
            if (!policy.StartsWith(DrillPolicyPrefix, StringComparison.Ordinal) || !long.TryParse(policy.AsSpan(DrillPolicyPrefix.Length), out var id)) return null;
            var roster = _drills.FirstOrDefault(d => d.Id == id)?.Roster ?? db.Drills.AsNoTracking().Where(d => d.Id == id).AsEnumerable().Select(Drill.From).FirstOrDefault()?.Roster;
            return roster is { Count: > 0 } ? new EscalationPolicy(policy, [new EscalationStep(null, roster, 5)], 1) : null;
        }

        private bool TryPolicy(AlertGroupRecord g, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EscalationPolicy? policy)
        {
            policy = DrillPolicy(g.Policy);
            return policy is not null || engine._oncall.Current.Policies.TryGetValue(g.Policy, out policy);
        }

        private void Track(AlertRecord row) => _rows[row.Fingerprint] = row;

        private void Save(AlertRecord row)
        {
            AlertRows.Apply(AlertOf(row), row, now);
            Changed = true;
        }

        private IEnumerable<AlertRecord> Active => _rows.Values.Where(r => r.State != "resolved");

        // ---- 1. detections -------------------------------------------------------------------------------------

        private async Task<(int Count, bool More)> ReadDetectionsAsync(CancellationToken ct)
        {
            var mark = await db.WindowWatermarks.SingleOrDefaultAsync(w => w.Name == WatermarkName, ct);
            if (mark is null)
            {
                // First start: findings of the last few minutes still page; older history does not page anyone.
                db.WindowWatermarks.Add(mark = new WindowWatermark { Name = WatermarkName, WatermarkMs = (now - TimeSpan.FromMinutes(5)).ToUnixTimeMilliseconds(), UpdatedAt = now });
            }
            var cursor = DetectionCursor.Read(mark);
            var at = DateTimeOffset.FromUnixTimeMilliseconds(cursor.Ms);
            var cursorTime = cursor.Time ?? at;
            // New rows strictly after the cursor (time, then id), so every pass moves on however many share a moment.
            var cursorId = cursor.Id ?? "";
            var batch = await db.Detections.AsNoTracking()
                .Where(d => d.RecordedAt > cursorTime || (d.RecordedAt == cursorTime && string.Compare(d.Id, cursorId) > 0))
                .OrderBy(d => d.RecordedAt).ThenBy(d => d.Id).Take(DetectionBatch).ToListAsync(ct);
            var main = batch.Count > 0 ? batch[^1] : null;
            // Rows committed late by another node, stamped before the cursor: read the ids of the overlap, take the unseen.
            var since = cursorTime - Overlap;
            var recent = cursor.Recent.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var late = (await db.Detections.AsNoTracking().Where(d => d.RecordedAt > since && d.RecordedAt <= cursorTime).Select(d => d.Id).ToListAsync(ct))
                .Where(id => !recent.Contains(id)).Take(DetectionBatch).ToList();
            if (late.Count > 0 && cursor.Time is not null)
                foreach (var chunk in late.Chunk(500))
                    batch.AddRange(await db.Detections.AsNoTracking().Where(d => chunk.Contains(d.Id)).ToListAsync(ct));
            if (batch.Count == 0) return (0, false);
            // The last row in the database's own order (its collation decides what comes after the cursor next time).
            var newest = main;
            var next = newest is null ? cursor : cursor with { Ms = newest.RecordedAt.ToUnixTimeMilliseconds(), Time = newest.RecordedAt, Id = newest.Id };
            var keepFrom = (next.Time ?? at) - Overlap;
            next = next with
            {
                Recent = cursor.Recent.Where(r => r.At > keepFrom).Concat(batch.Where(b => b.RecordedAt > keepFrom).Select(b => new DetectionCursor.Seen(b.Id, b.RecordedAt)))
                    .DistinctBy(r => r.Id).TakeLast(DetectionCursor.MaxRecent).ToList(),
            };
            next.Write(mark, now);
            bool more = main is not null && batch.Count >= DetectionBatch;

            var inv = engine._inventory.Current;
            var wanted = new List<(DetectionRecord Row, Detection D, DetectionAlert? A)>();
            foreach (var r in batch)
            {
                if (!DetectionKinds.TryParse(r.Kind, out var kind)) continue;
                var d = new Detection
                {
                    Time = r.Time, Site = r.Site, Detector = r.Detector, Kind = kind, Score = r.Score, Value = r.Value, Expected = r.Expected,
                    Message = r.Message, Line = r.Line, Rerun = r.Rerun,
                    Evidence = JsonSerializer.Deserialize<List<DetectionEvidence>>(r.EvidenceJson, AlertRows.Json) ?? [],
                };
                if (d.Rerun) continue; // a re-analysis of the past does not page anyone
                wanted.Add((r, d, DetectionAlerts.From(d, inv.FindSite(d.Site)) is { } da ? da with { Labels = Drilled(da.Labels, d.Time) } : null));
            }
            var fingerprints = wanted.Where(w => w.A is not null).Select(w => LabelSet.Fingerprint(w.A!.Labels)).Distinct().Where(f => !_rows.ContainsKey(f)).ToList();
            foreach (var chunk in fingerprints.Chunk(500))
                foreach (var row in await db.Alerts.Where(a => chunk.Contains(a.Fingerprint)).ToListAsync(ct))
                    Track(row);

            foreach (var (_, d, a) in wanted)
            {
                if (a is null) { Clear(d); continue; }
                Fire(a.Labels, a.Annotations, a.Severity, "detection", d.Time,
                    a.ResolvesByItself ? d.Time + TimeSpan.FromMinutes(Options.ResolveAfterMinutes) : null);
            }
            return (wanted.Count, more);
        }

        /// <summary>
        /// Prometheus' alerts: each post repeats the alerts still firing with an <c>endsAt</c> a few evaluation intervals
        /// ahead, so an alert not posted again resolves then; a post with <c>endsAt</c> in the past resolves it at once.
        /// </summary>
        private async Task TakePostedAsync(IReadOnlyList<PostedAlert> posted, CancellationToken ct)
        {
            if (posted.Count == 0) return;
            posted = [.. posted.Select(p => p with { Labels = Drilled(p.Labels, p.StartsAt) })];
            var fingerprints = posted.Select(p => LabelSet.Fingerprint(p.Labels)).Distinct().Where(f => !_rows.ContainsKey(f)).ToList();
            foreach (var chunk in fingerprints.Chunk(500))
                foreach (var row in await db.Alerts.Where(a => chunk.Contains(a.Fingerprint)).ToListAsync(ct))
                    Track(row);
            foreach (var p in posted)
            {
                var startsAt = p.StartsAt;
                var endsAt = p.EndsAt;
                if (p.IsResolvedAt(now))
                {
                    if (_rows.TryGetValue(LabelSet.Fingerprint(p.Labels), out var row) && row.State != "resolved")
                    {
                        AlertOf(row).Resolve(null, endsAt < row.StartsAt ? now : endsAt, "resolved by Prometheus");
                        Save(row);
                    }
                    continue;
                }
                var severity = p.Labels.GetValueOrDefault(LabelSet.Severity) is { Length: > 0 } sv ? sv : "warning";
                Fire(p.Labels, p.Annotations, severity, "prometheus", startsAt > now ? now : startsAt, endsAt);
            }
        }

        /// <summary>A condition is reported (a detection, or Prometheus): fires a new alert, fires a resolved one again, or keeps an active one alive.</summary>
        public void Fire(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, string severity, string source,
            DateTimeOffset seenAt, DateTimeOffset? resolveAt)
        {
            var fingerprint = LabelSet.Fingerprint(labels);
            if (!_rows.TryGetValue(fingerprint, out var row))
            {
                var alert = new Alert(labels, annotations, seenAt);
                row = AlertRows.NewRow(alert, source, severity, now);
                row.ResolveAt = resolveAt;
                row.LastSeenAt = seenAt;
                db.Alerts.Add(row);
                _byRow[row] = alert;
                Track(row);
                engine._metrics.Alerts.WithLabels(source).Inc();
                Fired(engine._logger, fingerprint, row.Kind, row.Site);
                Changed = true;
                return;
            }
            var existing = AlertOf(row);
            if (existing.State == AlertState.Resolved)
            {
                // A report from before the resolution (an overlap re-read, a late node) does not bring it back.
                if (row.EndsAt is { } ended && seenAt <= ended) return;
                existing.Refire(annotations, seenAt);
                row.GroupKey = null;
                row.LastMailError = null;
                engine._metrics.Alerts.WithLabels(source).Inc();
                Fired(engine._logger, fingerprint, row.Kind, row.Site);
            }
            else
            {
                existing.Refire(annotations, seenAt);
            }
            if (seenAt > row.LastSeenAt) row.LastSeenAt = seenAt;
            if (resolveAt is { } r && (row.ResolveAt is null || r > row.ResolveAt)) row.ResolveAt = r;
            else if (resolveAt is null && row.Source == "detection") row.ResolveAt = null;
            Save(row);
        }

        /// <summary>A switchback: the site's failover and outage alerts that started before it are over.</summary>
        private void Clear(Detection d)
        {
            foreach (var row in Active.Where(r => r.Site == d.Site && DetectionAlerts.LineDownKinds.Contains(r.Kind) && r.StartsAt <= d.Time).ToList())
            {
                AlertOf(row).Resolve(null, now, "switchback: the primary line carries again");
                Save(row);
            }
        }

        // ---- 2. resolution by time and by site state ---------------------------------------------------------

        private async Task ResolveQuietAsync(CancellationToken ct)
        {
            foreach (var row in Active.Where(r => r.ResolveAt is { } at && at <= now).ToList())
            {
                AlertOf(row).Resolve(null, now, row.Source == "prometheus" ? "endsAt passed" : $"not seen for {Options.ResolveAfterMinutes} min");
                Save(row);
            }
            var lineDown = Active.Where(r => DetectionAlerts.LineDownKinds.Contains(r.Kind) && r.Source == "detection").ToList();
            if (lineDown.Count == 0) return;
            var sites = lineDown.Select(r => r.Site).Distinct().ToList();
            var states = await db.SiteStates.AsNoTracking().Where(s => sites.Contains(s.Site)).ToDictionaryAsync(s => s.Site, ct);
            foreach (var row in lineDown)
            {
                if (states.TryGetValue(row.Site, out var s) && s.State == "up" && s.Since > row.LastSeenAt)
                {
                    AlertOf(row).Resolve(null, now, "the site is up again");
                    Save(row);
                }
            }
        }

        // ---- 3. silences and inhibition ------------------------------------------------------------------------

        private async Task SuppressAsync(CancellationToken ct)
        {
            var silences = (await db.Silences.AsNoTracking().Where(s => s.ExpiredAt == null && s.StartsAt <= now && s.EndsAt > now).ToListAsync(ct))
                .Select(SilenceRows.ToSilence).Where(s => s is not null).Select(s => s!).ToList();
            var inv = engine._inventory.Current;
            var inhibitor = new TopologyInhibitor(code => inv.FindSite(code)?.Parent, DetectionAlerts.ParentDownKinds, DetectionAlerts.ChildKinds);
            var active = Active.ToList();
            var idByFingerprint = active.ToDictionary(r => r.Fingerprint, r => r.Id, StringComparer.Ordinal);
            var view = active.Where(r => r.State != "suppressed" || r.SuppressedBy?.StartsWith("silence:", StringComparison.Ordinal) != true)
                .Select(r => new ActiveAlert(r.Fingerprint, AlertOf(r).Labels)).ToList();
            // Every alert that is not resolved may be a rule's source, silenced or held ones too, as in Alertmanager.
            var sources = engine._rules.Over(engine._rules.Rules.Count == 0 ? [] : active.Select(r => new ActiveAlert(r.Fingerprint, AlertOf(r).Labels)).ToList());
            var maintenance = silences.Where(s => s.IsMaintenance).ToList();
            string? InMaintenance(string site)
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [LabelSet.Site] = site };
                return maintenance.FirstOrDefault(s => s.Silences(labels, now))?.Id;
            }
            foreach (var row in active)
            {
                var alert = AlertOf(row);
                string? by = null, reason = null;
                if (silences.FirstOrDefault(s => s.Silences(alert.Labels, now)) is { } silence)
                {
                    by = silence.Id;
                    reason = silence.IsMaintenance ? "maintenance window" : "silenced";
                }
                else if (inhibitor.Suppress(new ActiveAlert(row.Fingerprint, alert.Labels), view, InMaintenance) is { } s)
                {
                    by = s.SuppressedBy.StartsWith("silence:", StringComparison.Ordinal) ? s.SuppressedBy
                        : idByFingerprint.TryGetValue(s.SuppressedBy, out var parentId) ? $"alert:{parentId}" : s.SuppressedBy;
                    reason = s.Reason;
                }
                else if (sources.Suppress(new ActiveAlert(row.Fingerprint, alert.Labels)) is { } r)
                {
                    by = idByFingerprint.TryGetValue(r.SuppressedBy, out var sourceId) ? $"alert:{sourceId}" : r.SuppressedBy;
                    reason = r.Reason;
                }
                if (alert.SuppressedBy == by) continue;
                // The column holds 200 characters; a configured rule's text can be longer.
                if (reason is { Length: > 200 }) reason = reason[..199] + "…";
                alert.SetSuppression(by, now, reason ?? "");
                row.SuppressedReason = reason;
                Save(row);
            }
        }

        // ---- 4. groups -------------------------------------------------------------------------------------------

        private async Task GroupAsync(CancellationToken ct)
        {
            foreach (var g in await db.AlertGroups.Where(g => g.Active).ToListAsync(ct)) _groups[g.Key] = g;
            foreach (var row in Active.Where(r => r.GroupKey is null).ToList())
            {
                var labels = AlertOf(row).Labels;
                if ((labels.TryGetValue(DrillLabel, out var drillId) ? DrillMatch(drillId) : engine._oncall.Route(labels)) is not { } match) continue;
                row.GroupKey = match.Key.ToString();
                if (row.GroupKey.Length > 400) row.GroupKey = row.GroupKey[..400];
                var group = await GroupAsync(row.GroupKey, match, ct);
                if (!group.Active) StartEpisode(group, match.Route.Timings);
                Changed = true;
            }
        }

        private async Task<AlertGroupRecord> GroupAsync(string key, (Route Route, GroupKey Key) match, CancellationToken ct)
        {
            if (_groups.TryGetValue(key, out var group)) return group;
            group = await db.AlertGroups.SingleOrDefaultAsync(g => g.Key == key, ct);
            if (group is null)
            {
                var labels = match.Route.GroupBy.ToDictionary(n => n, n => match.Key.Values.Split('\u001f').Select(v => v.Split('=', 2)).FirstOrDefault(p => p[0] == n)?.ElementAtOrDefault(1) ?? "");
                group = new AlertGroupRecord { Key = key, Route = match.Key.Route, Policy = match.Route.Policy, LabelsJson = AlertRows.ToJson(labels), CreatedAt = now, UpdatedAt = now };
                db.AlertGroups.Add(group);
            }
            group.Policy = match.Route.Policy;
            _groups[key] = group;
            return group;
        }

        private void StartEpisode(AlertGroupRecord group, GroupTimings timings)
        {
            group.Active = true;
            group.Episode++;
            group.Flushes = 0;
            group.NotifiedFiringJson = "[]";
            group.LastNotifiedAt = null;
            group.EscalationStartedAt = null;
            group.AcknowledgedAt = null;
            group.AcknowledgedBy = null;
            group.CreatedAt = now;
            group.NextFlushAt = now + timings.GroupWait;
            group.UpdatedAt = now;
        }

        private static string EpisodeKey(AlertGroupRecord g) => $"{g.Key}/e{g.Episode}";

        private List<AlertRecord> Members(AlertGroupRecord g) =>
            _rows.Values.Where(r => r.GroupKey == g.Key && (r.State != "resolved" || r.EndsAt > (g.LastNotifiedAt ?? g.CreatedAt))).ToList();

        private Route? RouteOf(AlertGroupRecord g) =>
            g.Route == DrillRouteIndex ? DrillRoute(g.Policy[DrillPolicyPrefix.Length..])
            : g.Route >= 0 && g.Route < engine._oncall.Current.Routes.Routes.Count ? engine._oncall.Current.Routes.Routes[g.Route] : null;

        // ---- 5. flushes ------------------------------------------------------------------------------------------

        private async Task FlushAsync(CancellationToken ct)
        {
            var due = _groups.Values.Where(g => g.Active && g.NextFlushAt is { } at && at <= now).ToList();
            if (due.Count == 0) return;
            var paged = await PagedUsersAsync(due, ct);
            foreach (var g in due)
            {
                var route = RouteOf(g);
                if (route is null) { g.Active = false; g.NextFlushAt = null; continue; }
                var members = Members(g);
                var aggregation = AggregationGroup.Restore(new GroupKey(g.Route, g.Key), route.Timings, g.NextFlushAt!.Value, g.LastNotifiedAt,
                    JsonSerializer.Deserialize<List<string>>(g.NotifiedFiringJson, AlertRows.Json) ?? []);
                var decision = aggregation.Flush(now, members.Select(m => new GroupMember(m.Fingerprint, m.State == "resolved", m.State == "suppressed")).ToList());
                g.NextFlushAt = aggregation.NextFlushAt;
                g.LastNotifiedAt = aggregation.LastNotifiedAt;
                g.NotifiedFiringJson = AlertRows.ToJson(aggregation.NotifiedFiring.Order(StringComparer.Ordinal).ToList());
                g.UpdatedAt = now;
                Changed = true;
                bool anyActive = members.Any(m => m.State != "resolved");
                if (decision.Notify)
                {
                    var firing = members.Where(m => decision.Firing.Contains(m.Fingerprint)).ToList();
                    var resolved = members.Where(m => decision.Resolved.Contains(m.Fingerprint)).ToList();
                    if (g.EscalationStartedAt is null && firing.Count > 0)
                    {
                        // The group's first notice is level 1 of its escalation (made below, in the same pass).
                        g.EscalationStartedAt = now;
                    }
                    else
                    {
                        var users = paged.GetValueOrDefault(g.Key) ?? [];
                        if (users.Count == 0 && TryPolicy(g, out var policy))
                            users = engine._oncall.Recipients(policy.Steps[0], now).ToList(); // whoever would have been paged
                        var kind = firing.Count == 0 ? PageKind.Resolved : PageKind.Update;
                        var listed = kind == PageKind.Resolved ? resolved : firing.Concat(resolved).ToList();
                        await PageAsync(g, $"{EpisodeKey(g)}/flush{g.Flushes}", kind, users, listed, null, ct);
                        g.Flushes++;
                    }
                }
                if (!anyActive)
                {
                    g.Active = false;
                    g.NextFlushAt = null;
                }
            }
        }

        /// <summary>The people paged so far in each group's current episode.</summary>
        private async Task<Dictionary<string, List<string>>> PagedUsersAsync(IReadOnlyList<AlertGroupRecord> groups, CancellationToken ct)
        {
            var keys = groups.Select(g => g.Key).ToList();
            var rows = await db.AlertNotifications.AsNoTracking().Where(n => keys.Contains(n.GroupKey) && n.Kind == "page")
                .Select(n => new { n.GroupKey, n.StepKey, n.User }).ToListAsync(ct);
            return groups.ToDictionary(g => g.Key, g => rows.Where(r => r.GroupKey == g.Key && r.StepKey.StartsWith(EpisodeKey(g) + "/", StringComparison.Ordinal))
                .Select(r => r.User).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), StringComparer.Ordinal);
        }

        // ---- 6. escalation --------------------------------------------------------------------------------------

        private async Task EscalateAsync(CancellationToken ct)
        {
            var escalating = _groups.Values.Where(g => g.Active && g.EscalationStartedAt is not null).ToList();
            if (escalating.Count == 0) return;
            var keys = escalating.Select(g => g.Key).ToList();
            var sent = (await db.AlertNotifications.AsNoTracking().Where(n => keys.Contains(n.GroupKey)).Select(n => new { n.GroupKey, n.StepKey }).ToListAsync(ct))
                .Concat(db.AlertNotifications.Local.Select(n => new { n.GroupKey, n.StepKey }))
                .GroupBy(n => n.GroupKey).ToDictionary(x => x.Key, x => (IReadOnlySet<string>)x.Select(n => n.StepKey).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            foreach (var g in escalating)
            {
                if (!TryPolicy(g, out var policy)) { NoPolicy(engine._logger, g.Key, g.Policy); continue; }
                var members = Members(g).Where(m => m.State != "resolved").ToList();
                var unacknowledged = members.Where(m => m.State == "firing").ToList();
                if (unacknowledged.Count == 0)
                {
                    // Everyone who fires is acknowledged (or held back): the escalation stops here.
                    var acked = members.Where(m => m.AcknowledgedAt is not null).OrderByDescending(m => m.AcknowledgedAt).FirstOrDefault();
                    if (g.AcknowledgedAt is null && acked is not null)
                    {
                        g.AcknowledgedAt = acked.AcknowledgedAt;
                        g.AcknowledgedBy = acked.AcknowledgedBy;
                        g.UpdatedAt = now;
                        Changed = true;
                    }
                    continue;
                }
                if (g.AcknowledgedAt is not null)
                {
                    // An alert nobody acknowledged joined an acknowledged group: a new episode pages from level 1 again.
                    g.Episode++;
                    g.Flushes = 0;
                    g.EscalationStartedAt = now;
                    g.AcknowledgedAt = null;
                    g.AcknowledgedBy = null;
                    g.UpdatedAt = now;
                }
                var episode = EpisodeKey(g);
                var steps = policy.Current(g.EscalationStartedAt!.Value, now, sent.GetValueOrDefault(g.Key) ?? new HashSet<string>(), episode);
                foreach (var step in steps)
                {
                    var users = engine._oncall.Recipients(policy.Steps[step.Step], now);
                    var position = new EscalationPosition(step.Step + 1, step.Round + 1, step.Step > 0 ? policy.Steps[step.Step - 1].WaitMinutes : policy.Steps[^1].WaitMinutes);
                    var listed = unacknowledged.Concat(members.Where(m => m.State != "firing")).ToList();
                    await PageAsync(g, step.Key(episode), PageKind.Page, users, listed, position, ct);
                    StepSent(engine._logger, g.Key, step.Round + 1, step.Step + 1, users.Count);
                }
                if (policy.NextAfter(g.EscalationStartedAt.Value, now) is { } next) _stepsDue.Add(next);
            }
        }

        // ---- pages -----------------------------------------------------------------------------------------------

        private async Task PageAsync(AlertGroupRecord g, string stepKey, PageKind kind, IReadOnlyList<string> users, IReadOnlyList<AlertRecord> alerts,
            EscalationPosition? position, CancellationToken ct)
        {
            if (users.Count == 0)
            {
                // Nobody to page (an empty schedule, a policy naming no one on call): say so on the alerts rather than stay silent.
                foreach (var a in alerts) a.LastMailError = $"nobody to page for {stepKey}";
                NobodyToPage(engine._logger, g.Key, stepKey);
                Changed = true;
                return;
            }
            await LoadUsersAsync(users, ct);
            var groupLabel = string.Join(" ", AlertRows.Map(g.LabelsJson).Where(kv => kv.Value.Length > 0).Select(kv => $"{kv.Key}={kv.Value}"));
            var baseUrl = engine.PublicUrl;
            var expires = now.AddHours(Options.LinkHours);
            // The most severe first: the subject names the lead alert with the group's worst severity.
            alerts = alerts.OrderBy(a => a.Severity switch { "critical" => 0, "warning" => 1, "info" => 2, _ => 1 }).ThenBy(a => a.StartsAt).ThenBy(a => a.Site, StringComparer.Ordinal).ToList();
            var ids = alerts.Select(a => a.Id).ToList();
            foreach (var user in users)
            {
                var key = $"{stepKey}/{user.ToLowerInvariant()}";
                if (key.Length > 700) key = key[..700];
                var (name, email) = _users.GetValueOrDefault(user);
                var listed = alerts.Take(Options.MaxAlertsPerMail).Select(a => Paged(a, baseUrl, kind == PageKind.Resolved ? null : user, expires)).ToList();
                var (subject, body) = AlertMail.Compose(kind, name ?? user, groupLabel.Length > 0 ? groupLabel : g.Key, listed, alerts.Count, position,
                    $"{baseUrl}/alerts", expires, Options.MaxAlertsPerMail);
                var row = new AlertNotificationRecord
                {
                    Key = key, GroupKey = g.Key, StepKey = stepKey, Kind = kind switch { PageKind.Page => "page", PageKind.Update => "update", _ => "resolved" },
                    User = user, Address = email ?? "", Subject = subject.Length > 500 ? subject[..500] : subject, Body = body,
                    AlertIdsJson = AlertRows.ToJson(ids), State = "pending", NextAttemptAt = now, CreatedAt = now,
                    MessageId = MessageId(key),
                };
                if (string.IsNullOrEmpty(email))
                {
                    row.State = "failed";
                    row.LastError = $"no mail address for user '{user}'";
                    foreach (var a in alerts) a.LastMailError = row.LastError;
                    engine._metrics.Pages.WithLabels("failed").Inc();
                    NoAddress(engine._logger, user, g.Key);
                }
                db.AlertNotifications.Add(row);
                _pages++;
            }
            Changed = true;
        }

        private PagedAlert Paged(AlertRecord a, string baseUrl, string? user, DateTimeOffset expires)
        {
            var alert = AlertOf(a);
            var ann = alert.Annotations;
            var site = engine._inventory.Current.FindSite(a.Site);
            string? ack = user is null || a.Id == 0 || a.State == "resolved" ? null
                : $"{baseUrl}/ack/alert/{engine._links.Create(AckPurpose, new[] { a.Id.ToString(CultureInfo.InvariantCulture), user }, expires)}";
            return new PagedAlert(a.Id, a.Kind, a.Severity, a.Site, ann.GetValueOrDefault("siteName") ?? site?.Name, site?.Prefecture ?? alert.Labels.GetValueOrDefault(LabelSet.Prefecture),
                ann.GetValueOrDefault("line"), ann.GetValueOrDefault("devices"), a.StartsAt, a.EndsAt,
                ann.GetValueOrDefault("summary") ?? ann.GetValueOrDefault("description") ?? a.Kind, ann.GetValueOrDefault("evidence"), a.SuppressedBy,
                $"{baseUrl}/alerts/{a.Id}", ack);
        }

        private async Task LoadUsersAsync(IReadOnlyList<string> users, CancellationToken ct)
        {
            var missing = users.Where(u => !_users.ContainsKey(u)).Select(u => u.ToUpperInvariant()).ToList();
            if (missing.Count == 0) return;
            var found = await db.Users.AsNoTracking().Where(u => missing.Contains(u.NormalizedUserName!)).Select(u => new { u.UserName, u.DisplayName, u.Email }).ToListAsync(ct);
            foreach (var u in users.Where(u => !_users.ContainsKey(u)))
            {
                var f = found.FirstOrDefault(x => string.Equals(x.UserName, u, StringComparison.OrdinalIgnoreCase));
                _users[u] = (f?.DisplayName is { Length: > 0 } d ? d : f?.UserName, f?.Email);
            }
        }

        private DateTimeOffset? NextDue()
        {
            var times = _groups.Values.Where(g => g.Active && g.NextFlushAt is not null).Select(g => g.NextFlushAt!.Value)
                .Concat(Active.Where(r => r.ResolveAt is not null).Select(r => r.ResolveAt!.Value))
                .Concat(_stepsDue).ToList();
            return times.Count == 0 ? null : times.Min();
        }
    }

    /// <summary>A stable Message-ID per page: the same page sent again after a crash is recognisable.</summary>
    public static string MessageId(string key) =>
        $"page-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12))}@netops";

    [LoggerMessage(1501, LogLevel.Information, "Alert {Fingerprint} fires: {Kind} at {Site}")]
    private static partial void Fired(ILogger logger, string fingerprint, string kind, string site);

    [LoggerMessage(1502, LogLevel.Information, "Group {Group}: escalation round {Round} level {Level} pages {Count} people")]
    private static partial void StepSent(ILogger logger, string group, int round, int level, int count);

    [LoggerMessage(1503, LogLevel.Warning, "Group {Group} names policy {Policy}, which no longer exists: nobody is paged for it")]
    private static partial void NoPolicy(ILogger logger, string group, string policy);

    [LoggerMessage(1504, LogLevel.Error, "User {User} has no mail address: the page for group {Group} is recorded as failed")]
    private static partial void NoAddress(ILogger logger, string user, string group);

    [LoggerMessage(1506, LogLevel.Error, "Group {Group}: nobody to page for {Step}")]
    private static partial void NobodyToPage(ILogger logger, string group, string step);

    [LoggerMessage(1505, LogLevel.Error, "An alerting listener failed")]
    private static partial void ListenerFailed(ILogger logger, Exception ex);
}
