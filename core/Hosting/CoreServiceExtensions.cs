using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Core.Hosting;

/// <summary>Composition of what every role needs: options, roles, metrics, inventory and the InfluxDB write path.</summary>
public static class CoreServiceExtensions
{
    private const string RolesKey = "NetOps:ParsedRoles";

    public static IHostApplicationBuilder AddNetOpsCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var roles = NetOpsRoleParser.Parse(builder.Configuration["Roles"]);
        builder.Properties[RolesKey] = roles;

        services.AddOptions<NetOpsOptions>().Bind(builder.Configuration).ValidateKeys("");
        services.AddOptions<InventoryOptions>().BindConfiguration("Inventory")
            .Validate(o => string.IsNullOrWhiteSpace(o.Path) || File.Exists(o.Path), "Inventory:Path: the file does not exist")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NetOpsMetrics>();
        services.TryAddSingleton<BackgroundLoops>();
        services.TryAddSingleton(sp => LoadInventory(sp.GetRequiredService<IOptions<InventoryOptions>>().Value));
        services.AddHostedService<InventoryStartupCheck>();
        services.AddInflux();
        services.AddHealthChecks().AddCheck<InfluxHealthCheck>("influx").AddCheck<BackgroundLoopsHealthCheck>("loops");
        return builder;
    }

    /// <summary>True when this process runs <paramref name="role"/>.</summary>
    public static bool HasRole(this IHostApplicationBuilder builder, NetOpsRoles role) =>
        (builder.Properties.TryGetValue(RolesKey, out var r) ? (NetOpsRoles)r : NetOpsRoleParser.Parse(builder.Configuration["Roles"])).HasFlag(role);

    public static SiteInventory LoadInventory(InventoryOptions options) =>
        string.IsNullOrWhiteSpace(options.Path) ? DemoInventory.Generate() : SiteInventory.Load(options.Path);
}
