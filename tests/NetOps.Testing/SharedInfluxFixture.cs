using Xunit;

namespace NetOps.Testing;

/// <summary>
/// One influxd for a test assembly or class (<c>[assembly: AssemblyFixture(typeof(SharedInfluxFixture))]</c> or
/// <c>IClassFixture</c>). Tests that share it use their own database (<see cref="NewDatabaseName"/>) and never stop it;
/// outage tests start their own <see cref="InfluxServer"/>.
/// </summary>
public sealed class SharedInfluxFixture : IAsyncLifetime
{
    private InfluxServer? _server;
    private int _databases;

    public InfluxServer Server => _server ?? throw new InvalidOperationException("SharedInfluxFixture is not initialized");

    public string Url => Server.Url;

    /// <summary>A database name no other test of this run uses.</summary>
    public string NewDatabaseName(string prefix = "test") => $"{prefix}_{Interlocked.Increment(ref _databases)}";

    public async ValueTask InitializeAsync() => _server = await InfluxServer.StartNewAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
