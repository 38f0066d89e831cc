using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.Metrics;

namespace NetOps.Core.Influx;

/// <summary>Registers the InfluxDB client and the durable point writer.</summary>
public static class InfluxServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="InfluxOptions"/> from <c>Influx</c> (validated at start; errors name the key), and registers
    /// <see cref="IInfluxClient"/> (typed <see cref="HttpClient"/>), <see cref="PointWriter"/> as <see cref="IPointWriter"/>
    /// and hosted service, and <see cref="IInfluxHealth"/>.
    /// </summary>
    /// <remarks>
    /// Keys: <c>Influx:Url</c>, <c>Influx:Database</c>, <c>Influx:Username</c>, <c>Influx:Password</c>,
    /// <c>Influx:CreateDatabase</c>, <c>Influx:BatchSize</c>, <c>Influx:FlushIntervalMs</c>, <c>Influx:QueueCapacity</c>,
    /// <c>Influx:TimeoutMs</c>, <c>Influx:Gzip</c>, <c>Influx:Spool:MaxBytes</c> (also <c>Influx:SpoolMaxBytes</c>) and
    /// <c>Influx:Spool:Dir</c> (also <c>Influx:SpoolDir</c>; default <c>DataDir/spool</c>).
    /// </remarks>
    public static IServiceCollection AddInflux(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<InfluxOptions>()
            .BindConfiguration("Influx")
            .Configure<IConfiguration>(ApplySpoolSection)
            .ValidateKeys("Influx");
        services.AddSingleton<IValidateOptions<InfluxOptions>, InfluxUrlValidation>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NetOpsMetrics>();
        services.TryAddSingleton<BackgroundLoops>();
        services.AddHttpClient<IInfluxClient, InfluxHttpClient>();
        services.TryAddSingleton<PointWriter>();
        services.TryAddSingleton<NetOps.Core.Events.PointTap>();
        services.TryAddSingleton<IPointWriter>(sp => new NetOps.Core.Events.TappedPointWriter(sp.GetRequiredService<PointWriter>(), sp.GetRequiredService<NetOps.Core.Events.PointTap>()));
        services.AddHostedService(sp => sp.GetRequiredService<PointWriter>());
        services.TryAddSingleton<IInfluxHealth, InfluxHealth>();
        return services;
    }

    private static void ApplySpoolSection(InfluxOptions options, IConfiguration configuration)
    {
        var spool = configuration.GetSection("Influx:Spool");
        if (spool["MaxBytes"] is { Length: > 0 } max)
        {
            options.SpoolMaxBytes = long.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new OptionsValidationException("Influx", typeof(InfluxOptions), [$"Influx:Spool:MaxBytes '{max}' is not a whole number of bytes"]);
        }
        if (spool["Dir"] is { Length: > 0 } dir) options.SpoolDir = dir;
    }

    /// <summary>Reports the URL problem in the words of <see cref="InfluxOptions.ValidateUrl"/>.</summary>
    private sealed class InfluxUrlValidation : IValidateOptions<InfluxOptions>
    {
        public ValidateOptionsResult Validate(string? name, InfluxOptions options) =>
            options.ValidateUrl() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
    }
}
