using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetOps.Core.Hosting;

namespace NetOps.Core.Tests.State;

/// <summary>
/// One NetOps "node" on the test's state DB: the composition <see cref="CoreServiceExtensions.AddNetOpsCore"/> and the
/// command-line verbs use (<see cref="CoreServiceExtensions.AddNetOpsState"/>: options, metrics, the state DB, and with
/// <c>scheduler</c> Quartz's store), without InfluxDB and the inventory's hosted services.
/// </summary>
internal static class TestStateHost
{
    public static IHost Build(TestStateDb db, TimeProvider? time = null, string? inventoryPath = null,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null, bool scheduler = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataDir"] = Path.Combine(db.Directory, "data"),
            ["StateDb:Provider"] = db.ProviderName,
            ["StateDb:ConnectionString"] = db.ConnectionString,
            ["Inventory:Path"] = inventoryPath,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(time ?? db.Time);
        builder.AddNetOpsState(scheduler);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>A one-site inventory file (seeding the demo's 1,788 sites is for the tests that need them).</summary>
    public static string WriteSmallInventory(TestStateDb db)
    {
        var path = Path.Combine(db.Directory, "inventory.json");
        File.WriteAllText(path, """
            { "sites": [ { "code": "000000", "name": "LGWAN全国センター", "prefecture": "00",
              "devices": [ { "name": "000000-rt1", "kind": "router", "line": "primary", "addresses": ["127.16.0.1"] } ] } ] }
            """);
        return path;
    }
}
