using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetOps.Collector.Aggregation;
using NetOps.Collector.Enrichment;
using NetOps.Collector.Normalization;
using NetOps.Core.Hosting;

namespace NetOps.Collector.Syslog;

/// <summary>Composition of the syslog collector: listeners → queue → processor → point writer.</summary>
public static class SyslogServiceExtensions
{
    public static IHostApplicationBuilder AddSyslog(this IHostApplicationBuilder builder)
    {
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
        return builder;
    }
}
