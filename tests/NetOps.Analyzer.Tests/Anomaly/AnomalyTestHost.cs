using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NetOps.Analyzer.Anomaly;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Analyzer.Tests.Anomaly;

/// <summary>The anomaly detector composed the way the analyzer composes it: configuration, AddAnomalyDetection, the given Influx client and inventory.</summary>
internal static class AnomalyTestHost
{
    public static ServiceProvider Build(IInfluxClient influx, IInventorySource inventory, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(influx);
        services.AddSingleton(inventory);
        services.AddAnomalyDetection();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
