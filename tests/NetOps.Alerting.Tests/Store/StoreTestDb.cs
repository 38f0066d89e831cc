using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Alerting.Tests.Store;

/// <summary>A migrated SQLite state DB of its own for one test class, with the audit log on it.</summary>
internal sealed class StoreTestDb : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-alerting-store-").FullName;

    private StoreTestDb() =>
        Factory = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "netops.db"), Pooling = false, DefaultTimeout = 30 }.ToString()));

    public StateDbContextFactory Factory { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 7, 12, 0, 0, TimeSpan.Zero));
    public AuditLog Audit => field ??= new AuditLog(Factory, Time, NullLogger<AuditLog>.Instance);

    public static async Task<StoreTestDb> CreateAsync(CancellationToken cancellationToken)
    {
        var db = new StoreTestDb();
        await using (var context = db.Factory.CreateDbContext()) await StateDbInitializer.MigrateAsync(context, NullLogger.Instance, cancellationToken);
        return db;
    }

    public async Task<List<AuditRecord>> AuditAsync(string action, CancellationToken cancellationToken)
    {
        await using var context = Factory.CreateDbContext();
        return await context.AuditRecords.AsNoTracking().Where(a => a.Action == action).ToListAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
