using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NetOps.Analyzer.Anomaly;
using NetOps.Analyzer.Attacks;
using NetOps.Analyzer.Failover;
using NetOps.Analyzer.Windows;
using NetOps.Core.Hosting;
using Quartz;

namespace NetOps.Analyzer;

/// <summary>Composition of the Analyzer role.</summary>
public static class AnalyzerServiceExtensions
{
    public static IHostApplicationBuilder AddAnalyzer(this IHostApplicationBuilder builder)
    {
        if (!builder.HasRole(NetOpsRoles.Analyzer)) return builder;
        if (builder.Configuration[FailoverOptions.Section + ":Source"] == "memory" && !builder.HasRole(NetOpsRoles.Collector))
            throw new NetOpsConfigurationException(FailoverOptions.Section + ":Source",
                "Analyzer:Failover:Source=memory needs the collector in this process (--roles collector,analyzer); use influx or auto");
        builder.Services.AddAnalyzerServices(builder.Configuration, collectorInProcess: builder.HasRole(NetOpsRoles.Collector));
        var o = new AnalyzerOptions();
        builder.Configuration.GetSection(AnalyzerOptions.Section).Bind(o);
        if (!o.Enabled) return builder;
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<AnalyzerWindowJob>(j => j.WithIdentity(AnalyzerWindowJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(AnalyzerWindowJob.Key).WithIdentity("windows-every", "analyzer")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, o.RunEverySeconds))).RepeatForever()
                    // A run catches up every window it missed by itself: a missed fire needs no replay.
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        if (UsesMemory(builder.Configuration, builder.HasRole(NetOpsRoles.Collector)))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<FailoverLiveService>());
        return builder;
    }

    /// <summary>
    /// The analyzer's services without its schedule: what <c>./netops analyze</c> needs too. With the collector in the
    /// same process, the failover machine reads the collector's points in memory; otherwise it is a window detector.
    /// </summary>
    public static IServiceCollection AddAnalyzerServices(this IServiceCollection services, IConfiguration configuration, bool collectorInProcess)
    {
        services.AddOptions<AnalyzerOptions>().BindConfiguration(AnalyzerOptions.Section).ValidateKeys(AnalyzerOptions.Section).ValidateOnStart();
        services.AddOptions<FailoverOptions>().BindConfiguration(FailoverOptions.Section).ValidateKeys(FailoverOptions.Section).ValidateOnStart();
        services.TryAddSingleton<AnalyzerMetrics>();
        services.TryAddSingleton<WindowWatermarks>();
        services.TryAddSingleton<WindowRunner>();
        services.TryAddSingleton<AnalyzerWindowJob>();
        services.AddAttackDetectors();
        services.AddAnomalyDetection();
        if (UsesMemory(configuration, collectorInProcess))
            services.TryAddSingleton<FailoverLiveService>();
        else
            services.AddSingleton<IWindowDetector, FailoverWindowDetector>();
        return services;
    }

    private static bool UsesMemory(IConfiguration configuration, bool collectorInProcess) =>
        configuration[FailoverOptions.Section + ":Source"] switch
        {
            "memory" => true,
            "influx" => false,
            _ => collectorInProcess,
        };
}
