using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetOps.Core.Audit;
using NetOps.Core.Inventory.Storage;
using NetOps.Core.State;
using NetOps.Testing;
using Npgsql;

namespace NetOps.Core.Tests.State;

/// <summary>
/// A state DB of its own for one test: a SQLite file in a temporary directory, or a new database on the class's
/// PostgreSQL. <see cref="NewFactory"/> gives another process's view of it (its own options and connection pool).
/// </summary>
internal sealed class TestStateDb : IAsyncDisposable
{
    private readonly string _directory;

    private TestStateDb(StateDbProvider provider, string connectionString, string directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        Factory = NewFactory();
    }

    public StateDbProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>For files a test writes beside the DB (an inventory file, a data directory).</summary>
    public string Directory => _directory;

    /// <summary>The provider as <c>StateDb:Provider</c> spells it.</summary>
    public string ProviderName => Provider == StateDbProvider.Postgres ? "postgres" : "sqlite";

    public StateDbContextFactory Factory { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>An empty state DB (no migrations applied).</summary>
    public static async Task<TestStateDb> CreateEmptyAsync(StateDbProvider provider, SharedPostgresFixture postgres, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("netops-statedb-").FullName;
        var cs = provider == StateDbProvider.Postgres
            ? await postgres.CreateDatabaseAsync("state", cancellationToken)
            : new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "netops.db"), Pooling = true, DefaultTimeout = 30 }.ToString();
        return new TestStateDb(provider, cs, directory);
    }

    /// <summary>A state DB at the current schema.</summary>
    public static async Task<TestStateDb> CreateAsync(StateDbProvider provider, SharedPostgresFixture postgres, CancellationToken cancellationToken = default)
    {
        var db = await CreateEmptyAsync(provider, postgres, cancellationToken);
        await db.MigrateAsync(cancellationToken);
        return db;
    }

    public StateDbConnection NewConnection() => new(Provider, ConnectionString);

    /// <summary>Another process's context factory on the same database.</summary>
    public StateDbContextFactory NewFactory() => new(NewConnection());

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Factory.CreateDbContext();
        return await StateDbInitializer.MigrateAsync(db, NullLogger.Instance, cancellationToken);
    }

    public AuditLog NewAuditLog(StateDbContextFactory? factory = null, TimeProvider? time = null) =>
        new(factory ?? Factory, time ?? Time, NullLogger<AuditLog>.Instance);

    public InventoryRepository NewInventoryRepository(StateDbContextFactory? factory = null, AuditLog? audit = null) =>
        new(factory ?? Factory, audit ?? NewAuditLog(factory), Time);

    /// <summary>Runs SQL behind EF's back, as someone with access to the database would. Identifiers in double quotes work on both providers.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var db = Factory.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == StateDbProvider.Sqlite)
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        else
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        try { System.IO.Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
