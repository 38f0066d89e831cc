using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.Audit;
using NetOps.Core.Inventory;
using NetOps.Core.State;

namespace NetOps.Core.Drills;

/// <summary>What a drill request did: the drill, or refused with the reason (named as the API names the field).</summary>
public readonly record struct DrillResult(Drill? Drill, string? Error, bool Found = true);

/// <summary>
/// Failover drills in the state DB. The alerting engine asks <see cref="ActiveAsync"/> which drills cover a site, so
/// that a drill's alerts are marked and paged to its roster instead of the real on-call; the report page and the API
/// read them back. Starting and ending a drill are audited (<c>drill.start</c>, <c>drill.end</c>).
/// </summary>
public sealed class DrillStore(IDbContextFactory<NetOpsDbContext> contexts, AuditLog audit, IInventorySource inventory, TimeProvider time)
{
    public const int MaxSites = 200;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    /// <summary>Raised after a drill starts or ends in this process.</summary>
    public event Action? Changed;

    public async Task<DrillResult> StartAsync(string? title, IReadOnlyList<string> sites, string? scenario, IReadOnlyList<string> roster, DrillTargets? targets,
        TimeSpan duration, AuditActor actor, string origin = "operator", CancellationToken cancellationToken = default)
    {
        scenario ??= DrillScenarios.PrimaryDownThenSwitchback;
        targets ??= DrillTargets.Default;
        var codes = sites.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count is 0 or > MaxSites) return new(null, $"sites: 1 to {MaxSites} site codes");
        if (codes.FirstOrDefault(c => inventory.Current.FindSite(c) is null) is { } unknown) return new(null, $"sites: no site {unknown} in the inventory");
        if (!DrillScenarios.All.Contains(scenario)) return new(null, $"scenario: one of {string.Join(", ", DrillScenarios.All)}");
        var people = roster.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (people.Count is 0 or > 50) return new(null, "roster: 1 to 50 user names");
        if (targets.Validate() is { } bad) return new(null, bad);
        if (duration <= TimeSpan.Zero || duration > MaxDuration) return new(null, $"durationMinutes: 1 to {MaxDuration.TotalMinutes:0}");
        title = string.IsNullOrWhiteSpace(title) ? $"訓練 {string.Join("・", codes.Take(3).Select(c => inventory.Current.FindSite(c)!.Name))}{(codes.Count > 3 ? " ほか" : "")}" : title.Trim();
        if (title.Length > 200) return new(null, "title: at most 200 characters");
        var now = time.GetUtcNow();
        var row = new DrillRecord
        {
            Title = title, SitesJson = JsonSerializer.Serialize(codes, Drill.Json), Scenario = scenario, RosterJson = JsonSerializer.Serialize(people, Drill.Json),
            TargetsJson = JsonSerializer.Serialize(targets, Drill.Json), StartedAt = now, StartedBy = actor.Name, PlannedEndAt = now + duration,
            Origin = origin == "simulator" ? "simulator" : "operator", UpdatedAt = now,
        };
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            db.Drills.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "drill.start", $"drill:{row.Id}", null,
                new { title, sites = codes, scenario, roster = people, targets, durationMinutes = duration.TotalMinutes, origin = row.Origin }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        Changed?.Invoke();
        return new(Drill.From(row), null);
    }

    /// <summary>Ends a running drill now (or cancels it: its alerts stay marked, its report says so). Audited <c>drill.end</c>.</summary>
    public async Task<DrillResult> EndAsync(long id, bool cancel, AuditActor actor, CancellationToken cancellationToken = default)
    {
        AuditRecord record;
        DrillRecord? row;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            row = await db.Drills.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (row is null) return new(null, null, Found: false);
            if (row.State != "running") return new(Drill.From(row), "state: the drill has already ended");
            var now = time.GetUtcNow();
            row.State = cancel ? "cancelled" : "ended";
            row.EndedAt = now < row.PlannedEndAt ? now : row.PlannedEndAt;
            row.EndedBy = actor.Name;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "drill.end", $"drill:{id}", null, new { state = row.State }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        Changed?.Invoke();
        return new(Drill.From(row), null);
    }

    public async Task<IReadOnlyList<Drill>> ListAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var q = db.Drills.AsNoTracking();
        if (from is { } f) q = q.Where(d => d.StartedAt >= f);
        if (to is { } t) q = q.Where(d => d.StartedAt < t);
        var rows = await q.ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.StartedAt).Take(Math.Clamp(limit, 1, 5000)).Select(Read)];
    }

    public async Task<Drill?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Drills.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row is null ? null : Read(row);
    }

    /// <summary>A drill nobody ended is over at its planned end (the record keeps <c>running</c>; readers see it ended then).</summary>
    private Drill Read(DrillRecord row)
    {
        var drill = Drill.From(row);
        return drill.State == "running" && time.GetUtcNow() > drill.PlannedEndAt ? drill with { State = "ended", EndedAt = drill.PlannedEndAt } : drill;
    }

    /// <summary>Drills that cover some time after <paramref name="since"/> (running, or ended since): what the engine checks alerts against.</summary>
    public async Task<IReadOnlyList<Drill>> ActiveAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Drills.AsNoTracking().Where(d => d.State == "running" || d.EndedAt >= since).ToListAsync(cancellationToken);
        return [.. rows.Where(r => (r.EndedAt ?? r.PlannedEndAt) >= since).Select(Drill.From)];
    }
}
