using Microsoft.EntityFrameworkCore.Design;

namespace NetOps.Core.State;

/// <summary>For <c>dotnet ef migrations add … --context SqliteNetOpsDbContext</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNetOpsDbContext>
{
    public SqliteNetOpsDbContext CreateDbContext(string[] args) =>
        (SqliteNetOpsDbContext)new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite, "Data Source=design.db")).CreateDbContext();
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresNetOpsDbContext</c> (no server needed).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNetOpsDbContext>
{
    public PostgresNetOpsDbContext CreateDbContext(string[] args) =>
        (PostgresNetOpsDbContext)new StateDbContextFactory(new StateDbConnection(StateDbProvider.Postgres, "Host=127.0.0.1;Database=design")).CreateDbContext();
}
