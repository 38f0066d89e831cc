using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetOps.Collector.Enrichment;
using NetOps.Core.Hosting;

namespace NetOps.Collector.Capture;

/// <summary>Composition of packet capture: live (<see cref="AddCapture"/>) and file replay (<see cref="AddCaptureReplay"/>).</summary>
public static class CaptureServiceExtensions
{
    /// <summary>Adds live capture when <c>Collector:Capture:Interface</c> is set (called by <c>AddCollector</c>).</summary>
    public static IHostApplicationBuilder AddCapture(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[CaptureOptions.Section + ":Interface"])) return builder;
        AddCaptureCore(builder.Services);
        builder.Services.TryAddSingleton<LiveCaptureService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveCaptureService>());
        return builder;
    }

    /// <summary>Adds what <c>./netops replay</c> needs beside <c>AddNetOpsCore</c>: options, metrics and <see cref="CaptureReplayer"/>; no listeners.</summary>
    public static IHostApplicationBuilder AddCaptureReplay(this IHostApplicationBuilder builder)
    {
        AddCaptureCore(builder.Services);
        builder.Services.TryAddSingleton<CaptureReplayer>();
        return builder;
    }

    private static void AddCaptureCore(IServiceCollection services)
    {
        services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.Section).ValidateKeys(CaptureOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaptureOptions>, CaptureOptionsValidator>());
        services.TryAddSingleton<CaptureMetrics>();
        services.TryAddSingleton<SiteResolver>();
    }
}
