using Xunit;

namespace NetOps.Testing;

/// <summary>
/// One PostgreSQL cluster for a test class (<c>IClassFixture</c>) or assembly. Tests that share it use their own
/// database (<see cref="CreateDatabaseAsync"/>) and never stop it. When PostgreSQL is not installed, every test that
/// uses the fixture fails saying so; none is skipped.
/// </summary>
public sealed class SharedPostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private int _databases;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("SharedPostgresFixture is not initialized");

    /// <summary>A database name no other test of this fixture uses (<c>netops_prefix_n</c>).</summary>
    public string NewDatabaseName(string prefix = "test") => $"netops_{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref _databases)}";

    /// <summary>Creates a new, empty database and returns its Npgsql connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default) =>
        Server.CreateDatabaseAsync(NewDatabaseName(prefix), cancellationToken);

    public async ValueTask InitializeAsync() => _server = await PostgresServer.StartNewAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
