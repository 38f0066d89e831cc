using System.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Audit;
using NetOps.Core.Identity;
using NetOps.Core.Inventory;
using NetOps.Core.Inventory.Storage;
using NetOps.Core.Hosting;

namespace NetOps.Core.State;

/// <summary>
/// Brings the state DB to the current schema (or, with <c>StateDb:MigrateOnStart=false</c>, refuses to start while
/// migrations are pending), creates the six roles and seeds an empty inventory from <c>Inventory:Path</c> (or the demo
/// inventory). Runs once per process, before the first part reads the inventory.
/// </summary>
public sealed partial class StateDbInitializer(
    IDbContextFactory<NetOpsDbContext> contexts,
    IOptions<StateDbOptions> options,
    IOptions<InventoryOptions> inventoryOptions,
    InventoryRepository inventory,
    ILogger<StateDbInitializer> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _ready;

    /// <summary>
    /// Migrates and creates the roles; with <paramref name="seedInventory"/> (the service's start) also seeds an empty
    /// inventory. The administration verbs leave the inventory alone, so that `netops user add` before the first
    /// `netops run --config site.json` cannot fill the DB with the demo inventory instead of the site's file.
    /// </summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default) => await EnsureReadyAsync(true, cancellationToken);

    public async Task EnsureReadyAsync(bool seedInventory, CancellationToken cancellationToken = default)
    {
        if (_ready) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready) return;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                if (options.Value.MigrateOnStart) await MigrateAsync(db, logger, cancellationToken);
                else
                {
                    var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                    if (pending.Count > 0)
                        throw new NetOpsConfigurationException("StateDb:MigrateOnStart", $"StateDb:MigrateOnStart is false and {pending.Count} migrations are pending ({string.Join(", ", pending)}); run ./netops db migrate");
                }
                await EnsureRolesAsync(db, cancellationToken);
            }
            if (!seedInventory) return;
            await SeedInventoryAsync(cancellationToken);
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies pending migrations (<c>netops db migrate</c> and the start). Returns the names applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(NetOpsDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // WAL: readers (the dashboard) never wait for the writer (the collector's inventory poll, the audit).
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        bool postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            // Nodes starting together: one migrates, the others wait here and then find nothing pending.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        }
        List<string> pending;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
                Migrated(logger, pending.Count, string.Join(", ", pending));
            }
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
        return pending;
    }

    private static async Task EnsureRolesAsync(NetOpsDbContext db, CancellationToken cancellationToken)
    {
        // Nodes starting together on a new DB would insert the same six names at once: on PostgreSQL, in the order of
        // their random ids, that deadlocks on the unique name. So the check and the insert run under a lock
        // (SQLite: BEGIN IMMEDIATE; PostgreSQL: read committed and a transaction-scoped advisory lock).
        await using var tx = await StateDbTransactions.BeginWriteAsync(db, RolesLockKey, cancellationToken);
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in NetOpsRoleNames.All.Where(r => !existing.Contains(r)))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private const long MigrationLockKey = 0x4E65744F70734D69; // "NetOpsMi"
    private const long RolesLockKey = 0x4E65744F7073526F; // "NetOpsRo"

    private async Task SeedInventoryAsync(CancellationToken cancellationToken)
    {
        var path = inventoryOptions.Value.Path;
        if (!await inventory.IsEmptyAsync(cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(path)) InventoryFileIgnored(logger, path);
            return;
        }
        var seed = string.IsNullOrWhiteSpace(path) ? DemoInventory.Generate() : SiteInventory.Load(path);
        // Another node starting on the same empty DB may seed it first; then this one takes its inventory.
        if (await inventory.SeedIfEmptyAsync(seed, AuditActor.System, string.IsNullOrWhiteSpace(path) ? "demo" : Path.GetFullPath(path), cancellationToken))
        {
            InventorySeeded(logger, seed.Sites.Count, seed.DeviceCount, string.IsNullOrWhiteSpace(path) ? "the demo inventory" : path);
            // Implied parents are stored with the rest, so this is the one moment to tell the operator about them.
            foreach (var site in seed.ImpliedSites) ParentImplied(logger, site.Code, site.Name, site.Parent ?? "-");
        }
        else if (!string.IsNullOrWhiteSpace(path)) InventoryFileIgnored(logger, path);
    }

    [LoggerMessage(1001, LogLevel.Information, "State DB: applied {Count} migrations ({Names})")]
    private static partial void Migrated(ILogger logger, int count, string names);

    [LoggerMessage(1002, LogLevel.Information, "Inventory: seeded the empty state DB with {Sites} sites and {Devices} devices from {Source}")]
    private static partial void InventorySeeded(ILogger logger, int sites, int devices, string source);

    [LoggerMessage(1004, LogLevel.Information,
        "Inventory: site {Code} ({Name}, parent {Parent}) is not listed but is a parent; taken from the municipality directory, without devices")]
    private static partial void ParentImplied(ILogger logger, string code, string name, string parent);

    [LoggerMessage(1003, LogLevel.Information, "Inventory: the state DB already holds the inventory; Inventory:Path {Path} is not read again (use ./netops inventory import to replace it)")]
    private static partial void InventoryFileIgnored(ILogger logger, string path);
}
