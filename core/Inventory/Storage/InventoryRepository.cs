using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Core.Inventory.Storage;

/// <summary>
/// The inventory in the state DB. Every change is checked by building the whole new inventory first (the same rules
/// as the file: unique codes, names and addresses, known parents), stored in one transaction that bumps the revision
/// every process watches, and audited with the site before and after. Writers are serialised across processes (the
/// inventory's write lock), and each checks the inventory as it is under that lock, so that two nodes never both seed
/// it, nor store two edits that are each valid alone but not together.
/// </summary>
public sealed class InventoryRepository(IDbContextFactory<NetOpsDbContext> contexts, AuditLog audit, TimeProvider time)
{
    private const long WriteLockKey = 0x4E65744F7073496E; // "NetOpsIn"

    public async Task<SiteInventory> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, cancellationToken);
    }

    private static async Task<SiteInventory> LoadAsync(NetOpsDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Sites.AsNoTracking().Include(s => s.Devices).OrderBy(s => s.Code).AsSplitQuery().ToListAsync(cancellationToken);
        return new SiteInventory(rows.Select(InventoryMapping.ToSite));
    }

    public async Task<long> RevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InventoryRevisions.AsNoTracking().Where(r => r.Id == 1).Select(r => r.Revision).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Sites.AnyAsync(cancellationToken);
    }

    /// <summary>Replaces the whole inventory (import). Audited as one record with the counts.</summary>
    public async Task ReplaceAsync(SiteInventory inventory, AuditActor actor, string action = "inventory.import", string? source = null, CancellationToken cancellationToken = default)
    {
        object before;
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await BeginWriteAsync(db, cancellationToken);
            before = await CountsAsync(db, cancellationToken);
            await db.Devices.ExecuteDeleteAsync(cancellationToken);
            await db.Sites.ExecuteDeleteAsync(cancellationToken);
            var now = time.GetUtcNow();
            db.Sites.AddRange(inventory.Sites.Select(s => InventoryMapping.ToRecord(s, now)));
            await db.SaveChangesAsync(cancellationToken);
            await BumpAsync(db, actor, cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, action, source, before,
                new { sites = inventory.Sites.Count, devices = inventory.DeviceCount }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
    }

    /// <summary>
    /// Stores <paramref name="inventory"/> if the state DB holds none (the first start); false when it already holds one,
    /// e.g. because another node seeded it a moment before. Audited as one record with the counts.
    /// </summary>
    public async Task<bool> SeedIfEmptyAsync(SiteInventory inventory, AuditActor actor, string? source, CancellationToken cancellationToken = default)
    {
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await BeginWriteAsync(db, cancellationToken);
            if (await db.Sites.AnyAsync(cancellationToken)) return false;
            var now = time.GetUtcNow();
            db.Sites.AddRange(inventory.Sites.Select(s => InventoryMapping.ToRecord(s, now)));
            await db.SaveChangesAsync(cancellationToken);
            await BumpAsync(db, actor, cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "inventory.seed", source, new { sites = 0, devices = 0 },
                new { sites = inventory.Sites.Count, devices = inventory.DeviceCount }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        return true;
    }

    /// <summary>Adds or replaces one site with its devices; throws <see cref="InventoryException"/>, storing nothing, when the result would not be a valid inventory.</summary>
    public async Task<InventoryChange> SaveSiteAsync(Site site, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Site? old;
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await BeginWriteAsync(db, cancellationToken);
            var current = await LoadAsync(db, cancellationToken);
            old = current.FindSite(site.Code);
            var next = current.Sites.Where(s => s.Code != site.Code).Append(site).ToList();
            var checkedInventory = new SiteInventory(next); // throws InventoryException naming the problem
            await db.Sites.Where(s => s.Code == site.Code).ExecuteDeleteAsync(cancellationToken);
            db.Sites.Add(InventoryMapping.ToRecord(checkedInventory.FindSite(site.Code)!, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            await BumpAsync(db, actor, cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, old is null ? "inventory.site.create" : "inventory.site.update", site.Code, old, site), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        return new InventoryChange(old, site);
    }

    /// <summary>Removes a site; refused while other sites name it as their parent.</summary>
    public async Task<bool> DeleteSiteAsync(string code, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Site? old;
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await BeginWriteAsync(db, cancellationToken);
            var current = await LoadAsync(db, cancellationToken);
            old = current.FindSite(code);
            if (old is null) return false;
            var children = current.Sites.Where(s => s.Parent == code).Select(s => s.Code).Take(5).ToList();
            if (children.Count > 0)
                throw new InventoryException($"site {code} is the parent of {string.Join(", ", children)}; move or remove them first");
            await db.Sites.Where(s => s.Code == code).ExecuteDeleteAsync(cancellationToken);
            await BumpAsync(db, actor, cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "inventory.site.delete", code, old, null), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        return true;
    }

    private static async Task<object> CountsAsync(NetOpsDbContext db, CancellationToken cancellationToken) =>
        new { sites = await db.Sites.CountAsync(cancellationToken), devices = await db.Devices.CountAsync(cancellationToken) };

    /// <summary>A transaction holding the inventory's write lock (<see cref="StateDbTransactions.BeginWriteAsync"/>).</summary>
    private static Task<IDbContextTransaction> BeginWriteAsync(NetOpsDbContext db, CancellationToken cancellationToken) =>
        StateDbTransactions.BeginWriteAsync(db, WriteLockKey, cancellationToken);

    private async Task BumpAsync(NetOpsDbContext db, AuditActor actor, CancellationToken cancellationToken)
    {
        // One UPDATE, whatever the context tracks: imports turn change detection off, which silently dropped a
        // tracked row's increment, so other processes never reloaded after `netops inventory import`.
        var now = time.GetUtcNow();
        int updated = await db.InventoryRevisions.Where(r => r.Id == 1).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Revision, r => r.Revision + 1)
            .SetProperty(r => r.ChangedAt, now)
            .SetProperty(r => r.ChangedBy, actor.Name), cancellationToken);
        if (updated > 0) return;
        db.InventoryRevisions.Add(new InventoryRevision { Id = 1, Revision = 1, ChangedAt = now, ChangedBy = actor.Name });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>A site before (null when new) and after a change.</summary>
public sealed record InventoryChange(Site? Before, Site After);
