using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetOps.Collector.Aggregation;
using NetOps.Collector.Capture;
using NetOps.Collector.Enrichment;
using NetOps.Collector.Flows;
using NetOps.Collector.Normalization;
using NetOps.Collector.Syslog;
using NetOps.Core.Hosting;

namespace NetOps.Collector;

/// <summary>Composition of the collector role.</summary>
public static class CollectorServiceExtensions
{
    /// <summary>Adds the syslog collector when this process runs the <c>collector</c> role.</summary>
    public static IHostApplicationBuilder AddCollector(this IHostApplicationBuilder builder)
    {
        if (!builder.HasRole(NetOpsRoles.Collector)) return builder;
        var services = builder.Services;
        services.AddOptions<SyslogOptions>().BindConfiguration(SyslogOptions.Section).ValidateKeys(SyslogOptions.Section);
        services.AddSingleton<IValidateOptions<SyslogOptions>, SyslogOptionsValidator>();
        services.TryAddSingleton<SyslogMetrics>();
        services.TryAddSingleton<SyslogQueue>();
        services.TryAddSingleton(_ => new SyslogNormalizer()); // every built-in vendor
        services.TryAddSingleton<SiteResolver>();
        services.TryAddSingleton<FirewallCounter>();
        services.AddSingleton<SyslogProcessor>();
        services.AddSingleton<SyslogUdpListener>();
        services.AddSingleton<SyslogStreamListener>();
        // Order matters: hosted services stop in reverse, so listeners stop first and the processor drains after them.
        services.AddHostedService(sp => sp.GetRequiredService<SyslogProcessor>());
        // AddHostedService would keep only the first OptionalHostedService (it de-duplicates by type).
        services.AddSingleton<IHostedService>(sp => new OptionalHostedService(sp.GetRequiredService<IOptions<SyslogOptions>>().Value is { Enabled: true, Udp: true }
            ? sp.GetRequiredService<SyslogUdpListener>() : null));
        services.AddSingleton<IHostedService>(sp => new OptionalHostedService(sp.GetRequiredService<IOptions<SyslogOptions>>().Value.Enabled
            ? sp.GetRequiredService<SyslogStreamListener>() : null));
        services.AddHealthChecks().AddCheck<SyslogHealthCheck>("syslog");
        builder.AddFlows(); // NetFlow/IPFIX on Collector:NetFlow:Port and Collector:Ipfix:Port
        builder.AddCapture(); // live capture, only when Collector:Capture:Interface is set
        return builder;
    }
}
