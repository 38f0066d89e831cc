using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Windows;

namespace NetOps.Analyzer.Attacks;

/// <summary>Composition of the attack detectors (port_scan, syn_flood, brute_force, deny_surge).</summary>
public static class AttackServiceExtensions
{
    /// <summary>
    /// Adds the four attack detectors as <see cref="IWindowDetector"/> singletons and <c>Analyzer:Attacks</c>,
    /// validated at start with errors naming the key. They need an <c>IInfluxClient</c> (<c>AddNetOpsCore</c>).
    /// </summary>
    public static IServiceCollection AddAttackDetectors(this IServiceCollection services)
    {
        // Twice would run every detector twice per window.
        if (services.Any(d => d.ServiceType == typeof(PortScanDetector))) return services;
        services.AddOptions<AttackOptions>().BindConfiguration(AttackOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AttackOptions>, AttackOptionsValidator>());
        services.TryAddSingleton<PortScanDetector>();
        services.TryAddSingleton<SynFloodDetector>();
        services.TryAddSingleton<BruteForceDetector>();
        services.TryAddSingleton<DenySurgeDetector>();
        services.AddSingleton<IWindowDetector>(sp => sp.GetRequiredService<PortScanDetector>());
        services.AddSingleton<IWindowDetector>(sp => sp.GetRequiredService<SynFloodDetector>());
        services.AddSingleton<IWindowDetector>(sp => sp.GetRequiredService<BruteForceDetector>());
        services.AddSingleton<IWindowDetector>(sp => sp.GetRequiredService<DenySurgeDetector>());
        return services;
    }
}
