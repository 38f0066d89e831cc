using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;

namespace NetOps.Analyzer.Anomaly;

/// <summary>Composition of the traffic anomaly detector (called from <c>AddAnalyzer</c>).</summary>
public static class AnomalyServiceExtensions
{
    /// <summary>
    /// Binds and validates <c>Analyzer:Anomaly</c> at start (errors name the key) and registers
    /// <see cref="TrafficAnomalyDetector"/> as an <see cref="IWindowDetector"/> singleton. Needs <c>IInfluxClient</c>
    /// and <c>IInventorySource</c> from core.
    /// </summary>
    public static IServiceCollection AddAnomalyDetection(this IServiceCollection services)
    {
        services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnomalyOptions>, AnomalyOptionsValidator>());
        services.TryAddSingleton<TrafficAnomalyDetector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWindowDetector, TrafficAnomalyDetector>(sp => sp.GetRequiredService<TrafficAnomalyDetector>()));
        return services;
    }
}
