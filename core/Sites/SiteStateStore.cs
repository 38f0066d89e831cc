using Microsoft.EntityFrameworkCore;
using NetOps.Core.State;

namespace NetOps.Core.Sites;

/// <summary>
/// Each site's current state in the state DB, written by the analyzer when it changes and read by the API and the
/// screen in any process. A site without a row is <see cref="SiteState.Unknown"/>.
/// </summary>
public sealed class SiteStateStore(IDbContextFactory<NetOpsDbContext> contexts, TimeProvider time)
{
    /// <summary>Raised after states are stored (in this process); the screen listens. Handlers must not block.</summary>
    public event Action<IReadOnlyList<SiteStatus>>? Changed;

    /// <summary>Stores the states given (insert or replace).</summary>
    public async Task SetAsync(IReadOnlyList<SiteStatus> states, CancellationToken cancellationToken = default)
    {
        if (states.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var codes = states.Select(s => s.Site).ToList();
        var rows = await db.SiteStates.Where(r => codes.Contains(r.Site)).ToDictionaryAsync(r => r.Site, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var s in states)
        {
            if (!rows.TryGetValue(s.Site, out var row))
            {
                row = new SiteStateRecord { Site = s.Site };
                db.SiteStates.Add(row);
                rows[s.Site] = row;
            }
            row.State = s.State.ToTag();
            row.ActiveLine = s.ActiveLine;
            row.Since = s.Since;
            row.Reason = s.Reason is { Length: > 500 } r ? r[..500] : s.Reason;
            row.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        Changed?.Invoke(states);
    }

    /// <summary>Every site with a known state, by code.</summary>
    public async Task<IReadOnlyDictionary<string, SiteStatus>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SiteStates.AsNoTracking().ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Site, r => new SiteStatus(r.Site, SiteStates.Parse(r.State), r.ActiveLine, r.Since, r.Reason), StringComparer.Ordinal);
    }
}
