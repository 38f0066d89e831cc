using Microsoft.EntityFrameworkCore;
using NetOps.Alerting.Alerts;
using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Engine;
using NetOps.Alerting.Silencing;
using NetOps.Core.Alerting.Storage;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Alerting.Store;

/// <summary>An alert as the API and the screen show it (DESIGN.md <c>GET /api/v1/alerts</c>).</summary>
public sealed record AlertView(
    long Id, string Fingerprint, string Site, string Kind, string Severity, string State, DateTimeOffset StartsAt, DateTimeOffset? EndsAt,
    string? SuppressedBy, string? SuppressedReason, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string Source, string? GroupKey,
    string? LastMailError, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<AlertTimelineEntry> Timeline);

/// <summary>A page as the screen shows it under its alert.</summary>
public sealed record PageView(long Id, string Kind, string User, string Address, string State, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string Subject);

/// <summary>A silence as the API and the screen show it; <see cref="Status"/> is <c>active</c> inside a weekly window's occurrence and <c>pending</c> between them.</summary>
public sealed record SilenceView(long Id, IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy,
    string Comment, bool Maintenance, string Status, DateTimeOffset? ExpiredAt, string? ExpiredBy, SilenceRecurrence? Recurrence = null);

public enum AlertActionOutcome { Done, NotFound, Refused }

/// <summary>What a person asked and what happened: done, not found, or refused with the reason.</summary>
public readonly record struct AlertActionResult(AlertActionOutcome Outcome, string? Reason = null, int Count = 0);

/// <summary>
/// People's side of alerting: read alerts and their pages, acknowledge (one alert, or its whole group from a mailed
/// link), resolve, silence. Each change takes the engine's lock (the engine never overwrites it with what it read
/// before), is audited in the same transaction, and wakes the engine so that escalation stops at once.
/// </summary>
public sealed class AlertStore(IDbContextFactory<NetOpsDbContext> contexts, AuditLog audit, EngineSignal engineSignal, TimeProvider time)
{
    private const long LockKey = AlertingEngine.LockKey;

    public event Action? Changed;

    public async Task<IReadOnlyList<AlertView>> ListAsync(string? state = null, int limit = 1000, CancellationToken cancellationToken = default, string? site = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<AlertRecord> q = db.Alerts.AsNoTracking();
        // one site's (its page): filtered in the query, so that the limit counts its alerts, not every site's
        if (site is not null) q = q.Where(a => a.Site == site);
        q = state switch
        {
            null or "" or "active" => q.Where(a => a.State != "resolved"),
            "all" => q,
            _ => q.Where(a => a.State == state),
        };
        var rows = await q.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 10_000)).ToListAsync(cancellationToken);
        return rows.Select(View).ToList();
    }

    public async Task<AlertView?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return row is null ? null : View(row);
    }

    /// <summary>The pages that listed the alert, newest first.</summary>
    public async Task<IReadOnlyList<PageView>> PagesAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (row?.GroupKey is not { } group) return [];
        var pages = await db.AlertNotifications.AsNoTracking().Where(n => n.GroupKey == group).OrderByDescending(n => n.Id).Take(200).ToListAsync(cancellationToken);
        return pages.Where(p => (System.Text.Json.JsonSerializer.Deserialize<List<long>>(p.AlertIdsJson) ?? []).Contains(id))
            .Select(p => new PageView(p.Id, p.Kind, p.User, p.Address, p.State, p.Attempts, p.LastError, p.CreatedAt, p.SentAt, p.Subject)).ToList();
    }

    /// <summary>Acknowledges the alert, or with <paramref name="wholeGroup"/> every firing alert of its group (what a mailed link does). Audited <c>alert.ack</c>.</summary>
    public Task<AlertActionResult> AcknowledgeAsync(long id, AuditActor actor, bool wholeGroup = false, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, "alert.ack", wholeGroup, (alert, now) => alert.Acknowledge(actor.Name, now), cancellationToken);

    /// <summary>Resolves the alert by hand. Audited <c>alert.resolve</c>.</summary>
    public Task<AlertActionResult> ResolveAsync(long id, AuditActor actor, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, "alert.resolve", false, (alert, now) => alert.Resolve(actor.Name, now), cancellationToken);

    private async Task<AlertActionResult> ActAsync(long id, AuditActor actor, string action, bool wholeGroup,
        Func<Alert, DateTimeOffset, TransitionResult> transition, CancellationToken cancellationToken)
    {
        AuditRecord? record;
        int count = 0;
        string? refusal = null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, LockKey, cancellationToken);
            var row = await db.Alerts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (row is null) return new AlertActionResult(AlertActionOutcome.NotFound);
            var rows = wholeGroup && row.GroupKey is { } g
                ? await db.Alerts.Where(a => a.GroupKey == g && (a.State == "firing" || a.State == "suppressed" || a.Id == id)).ToListAsync(cancellationToken)
                : [row];
            var now = time.GetUtcNow();
            var before = new { row.State, row.AcknowledgedBy };
            foreach (var r in rows)
            {
                var alert = AlertRows.ToAlert(r);
                var result = transition(alert, now);
                if (!result.Applied) { if (r.Id == id) refusal = result.Refusal; continue; }
                AlertRows.Apply(alert, r, now);
                if (action == "alert.resolve") r.ResolveAt = null;
                count++;
            }
            if (count == 0)
            {
                return new AlertActionResult(AlertActionOutcome.Refused, refusal ?? "nothing to change");
            }
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, action, $"alert:{id}", before,
                new { row.State, row.AcknowledgedBy, alerts = rows.Select(r => r.Id).ToList(), count }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        engineSignal.Kick();
        Changed?.Invoke();
        return new AlertActionResult(AlertActionOutcome.Done, null, count);
    }

    public async Task<IReadOnlyList<SilenceView>> SilencesAsync(bool includeExpired = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = await db.Silences.AsNoTracking().OrderByDescending(s => s.Id).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => SilenceView(r, now)).Where(s => includeExpired || s.Status != "expired").ToList();
    }

    /// <summary>
    /// Creates a silence or maintenance window, one-off or weekly (<paramref name="recurrence"/>); the reason when it cannot
    /// work (named as the API names the field). Without <paramref name="endsAt"/> a weekly window ends with its last
    /// occurrence (<c>recurrence.until</c>). Audited <c>silence.create</c>.
    /// </summary>
    public async Task<(SilenceView? Silence, string? Error)> CreateSilenceAsync(IReadOnlyList<SilenceMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset? endsAt,
        string comment, bool maintenance, AuditActor actor, CancellationToken cancellationToken = default, SilenceRecurrence? recurrence = null)
    {
        var compiled = new List<LabelMatcher>();
        for (var i = 0; i < matchers.Count; i++)
        {
            if (!LabelMatcher.TryCreate(matchers[i].Name, matchers[i].Value, matchers[i].IsRegex, !matchers[i].IsEqual, out var m, out var error))
                return (null, $"matchers[{i}]: {error}");
            compiled.Add(m);
        }
        RecurringWindow? window = null;
        if (recurrence is not null && !SilenceRows.TryWindow(recurrence, out window, out var recurrenceError)) return (null, recurrenceError);
        if ((endsAt ?? window?.LastEnd()) is not { } ends)
            return (null, window is null ? "endsAt is required" : "endsAt or recurrence.until is required");
        var candidate = new Silence("new", compiled, startsAt, ends, actor.Name, comment ?? "", maintenance, window);
        if (candidate.Validate() is { } invalid) return (null, invalid);
        if (comment!.Length > 1000) return (null, "comment: at most 1000 characters");
        var now = time.GetUtcNow();
        var row = new SilenceRecord
        {
            // UTC, as the API answers and as PostgreSQL's timestamptz takes it (a weekly window's end is computed in its zone).
            MatchersJson = AlertRows.ToJson(matchers), StartsAt = startsAt.ToUniversalTime(), EndsAt = ends.ToUniversalTime(), CreatedBy = actor.Name, Comment = comment,
            Maintenance = maintenance, CreatedAt = now,
        };
        if (window is not null) SilenceRows.SetRecurrence(row, window);
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, LockKey, cancellationToken);
            db.Silences.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "silence.create", $"silence:{row.Id}", null,
                new { matchers = matchers.Select(m => m.ToString()).ToList(), startsAt = row.StartsAt, endsAt = row.EndsAt, comment, maintenance, recurrence = SilenceRows.Recurrence(row) }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        engineSignal.Kick();
        Changed?.Invoke();
        return (SilenceView(row, now), null);
    }

    /// <summary>Ends a silence now (it is kept, expired). Audited <c>silence.expire</c>.</summary>
    public async Task<bool> ExpireSilenceAsync(long id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, LockKey, cancellationToken);
            var row = await db.Silences.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            var now = time.GetUtcNow();
            if (row is null || row.ExpiredAt is not null || row.EndsAt <= now) return false;
            row.ExpiredAt = now;
            row.ExpiredBy = actor.Name;
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "silence.expire", $"silence:{id}", new { row.EndsAt }, new { row.ExpiredAt }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        engineSignal.Kick();
        Changed?.Invoke();
        return true;
    }

    private static SilenceView SilenceView(SilenceRecord r, DateTimeOffset now)
    {
        var end = r.ExpiredAt is { } e && e < r.EndsAt ? e : r.EndsAt;
        // A weekly window waits between its occurrences; a silence that no longer compiles holds nothing.
        var status = now >= end ? "expired" : now < r.StartsAt ? "pending"
            : r.RecurrenceDays is null ? "active" : SilenceRows.ToSilence(r)?.IsActive(now) == true ? "active" : "pending";
        return new SilenceView(r.Id, SilenceRows.Matchers(r), r.StartsAt, r.EndsAt, r.CreatedBy, r.Comment, r.Maintenance, status, r.ExpiredAt, r.ExpiredBy,
            SilenceRows.Recurrence(r));
    }

    public static AlertView View(AlertRecord r) => new(r.Id, r.Fingerprint, r.Site, r.Kind, r.Severity, r.State, r.StartsAt, r.EndsAt,
        r.SuppressedBy, r.SuppressedReason, r.AcknowledgedBy, r.AcknowledgedAt, r.Source, r.GroupKey, r.LastMailError,
        AlertRows.Map(r.LabelsJson), AlertRows.Map(r.AnnotationsJson), AlertRows.Timeline(r));
}
