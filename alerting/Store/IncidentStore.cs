using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetOps.Alerting.Incidents;
using NetOps.Alerting.Resources;
using NetOps.Core.Alerting.Storage;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Alerting.Store;

/// <summary>One line of an incident's full timeline: its own events, its alerts' changes and the pages sent.</summary>
public sealed record IncidentLine(DateTimeOffset Time, string Kind, string? Actor, string Text);

/// <summary>An incident as the API and the screen show it.</summary>
public sealed record IncidentView(long Id, string Title, string State, DateTimeOffset OpenedAt, string OpenedBy, string? GroupKey, IReadOnlyList<string> Sites,
    IncidentCause? Cause, string? RootCause, DateTimeOffset? ClosedAt, IReadOnlyList<IncidentLine> Timeline);

/// <summary>What an incident change did: done, not found, or refused with the reason (named as the API names the field).</summary>
public readonly record struct IncidentResult(bool Found, string? Error, long Id = 0)
{
    public bool Done => Found && Error is null;
}

/// <summary>
/// Incidents (DESIGN.md; auditors export them): opened from an alert (its group and sites) or by hand, notes, the
/// cause from the seeds' categories, closed with a root cause, reopened with a reason. Each change is audited in
/// its transaction. The timeline a person reads merges the incident's own events with its group's alert changes,
/// acknowledgements and pages, so nothing is copied and nothing is missing.
/// </summary>
public sealed class IncidentStore(IDbContextFactory<NetOpsDbContext> contexts, AuditLog audit, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = AlertRows.Json;

    public event Action? Changed;

    public async Task<IReadOnlyList<IncidentView>> ListAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default,
        string? site = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<IncidentRecord> q = db.Incidents.AsNoTracking();
        // one site's (its page), in the query: the newest 1,000 of all sites could leave out its open one
        if (site is not null)
        {
            var quoted = JsonSerializer.Serialize(site, Json);
            q = q.Where(i => i.SitesJson.Contains(quoted));
        }
        if (from is { } f) q = q.Where(i => i.OpenedAt >= f);
        if (to is { } t) q = q.Where(i => i.OpenedAt < t);
        var rows = await q.OrderByDescending(i => i.OpenedAt).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(r => View(r, ToIncident(r).Timeline.Select(Line).ToList())).ToList();
    }

    public async Task<IncidentView?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return row is null ? null : View(row, await TimelineAsync(db, row, cancellationToken));
    }

    /// <summary>
    /// Every incident opened in [from, to), oldest first, each with its whole timeline as <see cref="FindAsync"/> gives
    /// it: the auditors' export. At most <paramref name="limit"/>; the caller says so when a period holds more.
    /// </summary>
    public async Task<IReadOnlyList<IncidentView>> ReportAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Incidents.AsNoTracking().Where(i => i.OpenedAt >= from && i.OpenedAt < to)
            .OrderBy(i => i.OpenedAt).ThenBy(i => i.Id).Take(limit).ToListAsync(cancellationToken);
        var views = new List<IncidentView>(rows.Count);
        foreach (var row in rows) views.Add(View(row, await TimelineAsync(db, row, cancellationToken)));
        return views;
    }

    /// <summary>The cause of each incident opened in [from, to) (null where none is set yet): what the statistics count.</summary>
    public async Task<IReadOnlyList<IncidentCause?>> CausesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Incidents.AsNoTracking().Where(i => i.OpenedAt >= from && i.OpenedAt < to)
            .Select(i => new IncidentRecord { Cause = i.Cause, CauseDevice = i.CauseDevice, CauseLeak = i.CauseLeak }).ToListAsync(cancellationToken);
        return rows.Select(Cause).ToList();
    }

    private static async Task<List<IncidentLine>> TimelineAsync(NetOpsDbContext db, IncidentRecord row, CancellationToken cancellationToken)
    {
        var lines = ToIncident(row).Timeline.Select(Line).ToList();
        if (row.GroupKey is { } group)
        {
            // An alert no route takes has no group: the incident names the alert itself (alert:ID).
            long? single = group.StartsWith("alert:", StringComparison.Ordinal) && long.TryParse(group.AsSpan(6), out var one) ? one : null;
            var alerts = single is { } id1
                ? await db.Alerts.AsNoTracking().Where(a => a.Id == id1).ToListAsync(cancellationToken)
                : await db.Alerts.AsNoTracking().Where(a => a.GroupKey == group).ToListAsync(cancellationToken);
            foreach (var a in alerts)
                foreach (var t in AlertRows.Timeline(a).Where(t => t.Time >= row.OpenedAt.AddHours(-24)))
                    lines.Add(new IncidentLine(t.Time, t.To == Alerts.AlertState.Acknowledged ? "acknowledgement" : "alertChanged", t.Actor,
                        AlertLine(a.Id, a.Kind, a.Site, AlertRows.StateName(t.To), t.Note)));
            foreach (var p in await db.AlertNotifications.AsNoTracking().Where(n => n.GroupKey == group).OrderBy(n => n.Id).Take(500).ToListAsync(cancellationToken))
                lines.Add(new IncidentLine(p.SentAt ?? p.CreatedAt, "notification", null, NotificationLine(p.Kind, p.User, p.Address, p.State, p.LastError)));
        }
        return lines.OrderBy(l => l.Time).ToList();
    }

    /// <summary>A timeline line for an alert's change, in Japanese: アラート 12（outage 131032）: 確認済み — note.</summary>
    public static string AlertLine(long id, string kind, string site, string state, string? note) =>
        AlertMailText.Format("IncidentAlertLine", id, AlertMailText.GetOr("Kind_" + kind, kind), site, AlertMailText.GetOr("State_" + state, state))
        + (string.IsNullOrWhiteSpace(note) ? "" : $" — {note}");

    /// <summary>A timeline line for a page: 呼出し → oncall1 &lt;a@b&gt;: 送信失敗 (550 …).</summary>
    public static string NotificationLine(string kind, string user, string address, string state, string? error) =>
        AlertMailText.Format("IncidentNotificationLine", AlertMailText.GetOr("PageKind_" + kind, kind), user, address, AlertMailText.GetOr("PageState_" + state, state))
        + (error is { } e ? $" ({e})" : "");

    /// <summary>Opens an incident from an alert: its group, the group's sites, a title from the alert. Audited <c>incident.open</c>.</summary>
    public async Task<IncidentResult> OpenFromAlertAsync(long alertId, string? title, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null) return new IncidentResult(false, "alertId: no such alert");
        var key = alert.GroupKey ?? $"alert:{alert.Id}";
        var existing = await db.Incidents.AsNoTracking().Where(i => i.GroupKey == key && i.State == "open").Select(i => (long?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } open) return new IncidentResult(true, null, open); // one open incident per group
        var sites = alert.GroupKey is { } groupKey
            ? await db.Alerts.AsNoTracking().Where(a => a.GroupKey == groupKey && a.Site != "").Select(a => a.Site).Distinct().ToListAsync(cancellationToken)
            : [alert.Site];
        var summary = AlertRows.Map(alert.AnnotationsJson).GetValueOrDefault("summary");
        return await OpenAsync(string.IsNullOrWhiteSpace(title) ? $"{alert.Kind} {alert.Site}{(summary is null ? "" : $": {summary}")}" : title, sites,
            alert.GroupKey ?? $"alert:{alert.Id}", actor, cancellationToken);
    }

    /// <summary>Opens an incident by hand (or from a group). Audited <c>incident.open</c>.</summary>
    public async Task<IncidentResult> OpenAsync(string title, IEnumerable<string> sites, string? groupKey, AuditActor actor, CancellationToken cancellationToken = default)
    {
        title = (title ?? "").Trim();
        if (title.Length is 0 or > 200) return new IncidentResult(true, "title: 1 to 200 characters");
        var now = time.GetUtcNow();
        var incident = new Incident("new", title, now, actor.Name, groupKey, sites.Where(s => s.Length is > 0 and <= 16));
        var row = new IncidentRecord { Title = title, OpenedAt = now, OpenedBy = actor.Name, GroupKey = groupKey, UpdatedAt = now };
        Apply(incident, row, now);
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            db.Incidents.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "incident.open", $"incident:{row.Id}", null, new { title, groupKey, sites = incident.AffectedSites }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        Changed?.Invoke();
        return new IncidentResult(true, null, row.Id);
    }

    public Task<IncidentResult> AddNoteAsync(long id, string text, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "incident.note", actor, (i, now) => i.AddNote(now, actor.Name, text ?? ""), cancellationToken);

    public Task<IncidentResult> SetCauseAsync(long id, IncidentCause cause, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "incident.cause", actor, (i, now) => i.SetCause(now, actor.Name, cause), cancellationToken);

    public Task<IncidentResult> CloseAsync(long id, string rootCause, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "incident.close", actor, (i, now) => (rootCause ?? "").Length > 2000 ? "rootCause: at most 2000 characters" : i.Close(now, actor.Name, rootCause ?? ""), cancellationToken);

    public Task<IncidentResult> ReopenAsync(long id, string reason, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "incident.reopen", actor, (i, now) => i.Reopen(now, actor.Name, reason ?? ""), cancellationToken);

    private async Task<IncidentResult> ChangeAsync(long id, string action, AuditActor actor, Func<Incident, DateTimeOffset, string?> change, CancellationToken cancellationToken)
    {
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var row = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (row is null) return new IncidentResult(false, null);
            var incident = ToIncident(row);
            var before = new { row.State, row.Cause, row.CauseDevice, row.CauseLeak, row.RootCause };
            var now = time.GetUtcNow();
            if (change(incident, now) is { } error) return new IncidentResult(true, error, id);
            Apply(incident, row, now);
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, action, $"incident:{id}", before,
                new { row.State, row.Cause, row.CauseDevice, row.CauseLeak, row.RootCause, last = incident.Timeline[^1].Text }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        Changed?.Invoke();
        return new IncidentResult(true, null, id);
    }

    private static Incident ToIncident(IncidentRecord r) => Incident.Restore(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Title, r.OpenedAt, r.GroupKey,
        JsonSerializer.Deserialize<List<string>>(r.SitesJson, Json) ?? [], r.State == "closed" ? IncidentState.Closed : IncidentState.Open, Cause(r), r.RootCause, r.ClosedAt,
        JsonSerializer.Deserialize<List<IncidentEvent>>(r.TimelineJson, Json) ?? []);

    private static IncidentCause? Cause(IncidentRecord r) => Enum.TryParse<CauseCategory>(r.Cause, out var c)
        ? new IncidentCause(c, Enum.TryParse<DeviceType>(r.CauseDevice, out var d) ? d : null, Enum.TryParse<LeakKind>(r.CauseLeak, out var l) ? l : null)
        : null;

    private static void Apply(Incident i, IncidentRecord r, DateTimeOffset now)
    {
        r.State = i.State == IncidentState.Closed ? "closed" : "open";
        r.SitesJson = JsonSerializer.Serialize(i.AffectedSites, Json);
        r.Cause = i.Cause?.Category.ToString();
        r.CauseDevice = i.Cause?.Device?.ToString();
        r.CauseLeak = i.Cause?.Leak?.ToString();
        r.RootCause = i.RootCause;
        r.ClosedAt = i.ClosedAt;
        r.TimelineJson = JsonSerializer.Serialize(i.Timeline, Json);
        r.UpdatedAt = now;
    }

    private static IncidentLine Line(IncidentEvent e) => new(e.Time, JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()), e.Actor, e.Text);

    private static IncidentView View(IncidentRecord r, IReadOnlyList<IncidentLine> lines) => new(r.Id, r.Title, r.State, r.OpenedAt, r.OpenedBy, r.GroupKey,
        JsonSerializer.Deserialize<List<string>>(r.SitesJson, Json) ?? [], Cause(r), r.RootCause, r.ClosedAt, lines);
}
