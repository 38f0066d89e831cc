using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;

namespace NetOps.Core.Links;

/// <summary>Registration of <see cref="LinkSecret"/> and <see cref="SignedLinks"/> (any part that puts links in mail calls it).</summary>
public static class SignedLinksServiceExtensions
{
    public static IServiceCollection AddSignedLinks(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => LinkSecret.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<NetOpsOptions>>().Value.DataDirectory));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SignedLinks>();
        return services;
    }
}
