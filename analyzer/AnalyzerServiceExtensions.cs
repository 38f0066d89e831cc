using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetOps.Core.Hosting;

namespace NetOps.Analyzer;

/// <summary>Composition of the Analyzer role.</summary>
public static class AnalyzerServiceExtensions
{
    public static IHostApplicationBuilder AddAnalyzer(this IHostApplicationBuilder builder)
    {
        if (!builder.HasRole(NetOpsRoles.Analyzer)) return builder;
        builder.Services.AddOptions<AnalyzerOptions>().BindConfiguration(AnalyzerOptions.Section).ValidateOnStart();
        return builder;
    }
}
