using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;

namespace NetOps.Alerting;

/// <summary>Composition of the Alerting role.</summary>
public static class AlertingServiceExtensions
{
    public static IHostApplicationBuilder AddAlerting(this IHostApplicationBuilder builder)
    {
        if (!builder.HasRole(NetOpsRoles.Alerting)) return builder;
        builder.Services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertingOptions>, AlertingOptionsValidator>();
        return builder;
    }
}
