using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetOps.Ceptoar.Csaf;
using NetOps.Ceptoar.Directory;
using NetOps.Core.Hosting;

namespace NetOps.Ceptoar;

/// <summary>Composition of the Broadcast role.</summary>
public static class CeptoarServiceExtensions
{
    public static IHostApplicationBuilder AddCeptoar(this IHostApplicationBuilder builder)
    {
        // The directory is read and edited by the dashboard whatever roles this node runs.
        builder.Services.AddSingleton(BodyDirectory.Shipped);
        builder.Services.AddSingleton<ContactStore>();
        // POST /api/v1/advisories/import validates with it; the schema files are read and built once, on first use.
        builder.Services.AddSingleton(_ => CsafSchema.Load());
        builder.Services.AddSingleton(sp => new CsafImporter(sp.GetRequiredService<CsafSchema>()));
        if (!builder.HasRole(NetOpsRoles.Broadcast)) return builder;
        builder.Services.AddOptions<CeptoarOptions>().BindConfiguration(CeptoarOptions.Section).ValidateOnStart();
        return builder;
    }
}
