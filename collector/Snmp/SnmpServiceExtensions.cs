using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Snmp;

/// <summary>Composition of SNMP: the IF-MIB poller and the trap receiver.</summary>
public static class SnmpServiceExtensions
{
    public static IHostApplicationBuilder AddSnmp(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SnmpOptions>().BindConfiguration(SnmpOptions.Section).ValidateKeys(SnmpOptions.Section);
        services.AddSingleton<IValidateOptions<SnmpOptions>, SnmpOptionsValidator>();
        services.TryAddSingleton<SnmpMetrics>();
        services.AddSingleton<UsmUsers>();
        services.AddSingleton<SnmpMembership>();
        // The membership only with Sharding=members: building it registers its background loop, which /health then expects to run.
        services.AddSingleton(sp => new SnmpPoller(sp.GetRequiredService<IInventorySource>(), sp.GetRequiredService<IOptions<SnmpOptions>>(),
            sp.GetRequiredService<IPointWriter>(), sp.GetRequiredService<SnmpMetrics>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<BackgroundLoops>(), sp.GetRequiredService<ILogger<SnmpPoller>>(), sp.GetRequiredService<UsmUsers>(),
            sp.GetRequiredService<IOptions<SnmpOptions>>().Value.ByMembership ? sp.GetRequiredService<SnmpMembership>() : null));
        services.AddSingleton<SnmpLocalEngine>();
        services.AddSingleton(sp => new SnmpV3ReplayGuard(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SnmpV3TrapDecoder>();
        services.AddSingleton<SnmpTrapReceiver>();
        // AddHostedService would keep only the first OptionalHostedService (it de-duplicates by type). The membership
        // starts first: its first view of the members is read before the poller's first tick.
        services.AddSingleton<IHostedService>(sp => new OptionalHostedService(sp.GetRequiredService<IOptions<SnmpOptions>>().Value is { Enabled: true, ByMembership: true }
            ? sp.GetRequiredService<SnmpMembership>() : null));
        services.AddSingleton<IHostedService>(sp => new OptionalHostedService(sp.GetRequiredService<IOptions<SnmpOptions>>().Value.Enabled
            ? sp.GetRequiredService<SnmpPoller>() : null));
        services.AddSingleton<IHostedService>(sp => new OptionalHostedService(sp.GetRequiredService<IOptions<SnmpOptions>>().Value is { Enabled: true, TrapPort: > 0 }
            ? sp.GetRequiredService<SnmpTrapReceiver>() : null));
        return builder;
    }
}
