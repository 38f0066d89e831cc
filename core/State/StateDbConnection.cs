using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.Hosting;

namespace NetOps.Core.State;

/// <summary>
/// The state DB's provider and connection string, resolved once from <see cref="StateDbOptions"/> and the data
/// directory. Every part's <see cref="DbContext"/> is configured through <see cref="Configure"/>, so that all of them
/// use the same database, each with its own migrations history table.
/// </summary>
public sealed class StateDbConnection
{
    public StateDbConnection(StateDbProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public StateDbProvider Provider { get; }
    public string ConnectionString { get; }

    public bool IsPostgres => Provider == StateDbProvider.Postgres;

    public static StateDbConnection From(StateDbOptions options, string dataDirectory)
    {
        if (options.ParsedProvider == StateDbProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new NetOpsConfigurationException("StateDb:ConnectionString", "StateDb:ConnectionString: required when StateDb:Provider is postgres");
            return new StateDbConnection(StateDbProvider.Postgres, options.ConnectionString);
        }
        var cs = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "netops.db"), Pooling = true, DefaultTimeout = 30 }.ToString()
            : options.ConnectionString;
        try
        {
            var builder = new SqliteConnectionStringBuilder(cs);
            if (string.IsNullOrEmpty(builder.DataSource))
                throw new NetOpsConfigurationException("StateDb:ConnectionString", "StateDb:ConnectionString: no Data Source");
            if (builder.DataSource != ":memory:") Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!);
        }
        catch (ArgumentException e)
        {
            throw new NetOpsConfigurationException("StateDb:ConnectionString", $"StateDb:ConnectionString: {e.Message}");
        }
        return new StateDbConnection(StateDbProvider.Sqlite, cs);
    }

    /// <summary>Points <paramref name="builder"/> at the state DB with <paramref name="historyTable"/> as its migrations history.</summary>
    public void Configure(DbContextOptionsBuilder builder, string historyTable)
    {
        if (IsPostgres) builder.UseNpgsql(ConnectionString, o => o.MigrationsHistoryTable(historyTable));
        else builder.UseSqlite(ConnectionString, o => o.MigrationsHistoryTable(historyTable));
    }
}
