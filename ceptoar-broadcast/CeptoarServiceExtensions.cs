using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetOps.Core.Hosting;

namespace NetOps.Ceptoar;

/// <summary>Composition of the Broadcast role.</summary>
public static class CeptoarServiceExtensions
{
    public static IHostApplicationBuilder AddCeptoar(this IHostApplicationBuilder builder)
    {
        if (!builder.HasRole(NetOpsRoles.Broadcast)) return builder;
        builder.Services.AddOptions<CeptoarOptions>().BindConfiguration(CeptoarOptions.Section).ValidateOnStart();
        return builder;
    }
}
