using Microsoft.EntityFrameworkCore;

namespace NetOps.Core.State;

/// <summary>Creates the platform context of the configured provider; parts use it for short units of work.</summary>
public sealed class StateDbContextFactory(StateDbConnection connection) : IDbContextFactory<NetOpsDbContext>
{
    private readonly DbContextOptions<SqliteNetOpsDbContext>? _sqlite = connection.IsPostgres ? null : Build<SqliteNetOpsDbContext>(connection);
    private readonly DbContextOptions<PostgresNetOpsDbContext>? _postgres = connection.IsPostgres ? Build<PostgresNetOpsDbContext>(connection) : null;

    public StateDbConnection Connection => connection;

    public NetOpsDbContext CreateDbContext() =>
        _postgres is not null ? new PostgresNetOpsDbContext(_postgres) : new SqliteNetOpsDbContext(_sqlite!);

    private static DbContextOptions<T> Build<T>(StateDbConnection connection) where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        connection.Configure(builder, NetOpsDbContext.HistoryTable);
        return builder.Options;
    }
}
