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
        // Before anything touches MimeKit: it looks up its charsets once, and without the code-pages provider it would
        // read ISO-2022-JP (advisory mails for older clients), Shift_JIS and EUC-JP (device logs) as ASCII for good.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var services = builder.Services;
        var roles = NetOpsRoleParser.Parse(builder.Configuration["Roles"]);
        builder.Properties[RolesKey] = roles;

        builder.AddNetOpsState(schedulerName: SchedulerName(roles));
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
    public static IHostApplicationBuilder AddNetOpsState(this IHostApplicationBuilder builder, bool scheduler = true, string schedulerName = "netops")
    {
        var services = builder.Services;
        services.AddOptions<NetOpsOptions>().Bind(builder.Configuration).ValidateKeys("");
        services.AddOptions<InventoryOptions>().BindConfiguration("Inventory")
            .Validate(o => string.IsNullOrWhiteSpace(o.Path) || File.Exists(o.Path), "Inventory:Path: the file does not exist")
            .ValidateKeys("Inventory");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NetOpsMetrics>();
        builder.AddStateDb(scheduler, schedulerName);
        return builder;
    }

    /// <summary>
    /// The Quartz scheduler's name for a process with <paramref name="roles"/>. A clustered scheduler hands any of its
    /// triggers to any node of the same name, so nodes that run different scheduled parts (analyzer, alerting,
    /// broadcast) must not share one: a collector node would be given the analyzer's windows and could not run them.
    /// Nodes with the same scheduled parts share a name and fire each job once between them.
    /// </summary>
    public static string SchedulerName(NetOpsRoles roles)
    {
        var scheduled = roles & (NetOpsRoles.Analyzer | NetOpsRoles.Alerting | NetOpsRoles.Broadcast);
        if (scheduled == (NetOpsRoles.Analyzer | NetOpsRoles.Alerting | NetOpsRoles.Broadcast)) return "netops";
        var parts = new List<string>();
        if (scheduled.HasFlag(NetOpsRoles.Analyzer)) parts.Add("analyzer");
        if (scheduled.HasFlag(NetOpsRoles.Alerting)) parts.Add("alerting");
        if (scheduled.HasFlag(NetOpsRoles.Broadcast)) parts.Add("broadcast");
        return parts.Count == 0 ? "netops-platform" : "netops-" + string.Join('-', parts);
    }

    /// <summary>True when this process runs <paramref name="role"/>.</summary>
    public static bool HasRole(this IHostApplicationBuilder builder, NetOpsRoles role) =>
        (builder.Properties.TryGetValue(RolesKey, out var r) ? (NetOpsRoles)r : NetOpsRoleParser.Parse(builder.Configuration["Roles"])).HasFlag(role);

}
