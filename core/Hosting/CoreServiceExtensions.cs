using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;
using NetOps.Core.State;

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

        builder.AddNetOpsState();
        services.TryAddSingleton<BackgroundLoops>();
        services.AddHostedService<InventoryStartupCheck>();
        services.AddHostedService<InventoryWatcher>();
        services.AddInflux();
        services.AddHealthChecks().AddCheck<InfluxHealthCheck>("influx").AddCheck<BackgroundLoopsHealthCheck>("loops");
        return builder;
    }

    /// <summary>
    /// What the command-line verbs need too (<c>netops user|audit|db|inventory</c>): options, metrics, the state DB with
    /// people, audit and inventory; with <paramref name="scheduler"/>, Quartz's store as well.
    /// </summary>
    public static IHostApplicationBuilder AddNetOpsState(this IHostApplicationBuilder builder, bool scheduler = true)
    {
        var services = builder.Services;
        services.AddOptions<NetOpsOptions>().Bind(builder.Configuration).ValidateKeys("");
        services.AddOptions<InventoryOptions>().BindConfiguration("Inventory")
            .Validate(o => string.IsNullOrWhiteSpace(o.Path) || File.Exists(o.Path), "Inventory:Path: the file does not exist")
            .ValidateKeys("Inventory");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NetOpsMetrics>();
        builder.AddStateDb(scheduler);
        return builder;
    }

    /// <summary>True when this process runs <paramref name="role"/>.</summary>
    public static bool HasRole(this IHostApplicationBuilder builder, NetOpsRoles role) =>
        (builder.Properties.TryGetValue(RolesKey, out var r) ? (NetOpsRoles)r : NetOpsRoleParser.Parse(builder.Configuration["Roles"])).HasFlag(role);

}
