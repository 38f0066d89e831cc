using NetOps.Core.Hosting;
using NetOps.Dashboard.Hosting;

namespace NetOps.Dashboard.Cli;

/// <summary>
/// The services a command-line verb uses (the state DB, people, audit, inventory), built from the same
/// configuration layers as <c>netops run</c>; no listener, no scheduler, nothing started.
/// </summary>
public static class CliHost
{
    public static IHost Build(string[] configArgs, Action<HostApplicationBuilder, IServiceCollection>? more = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.AddNetOpsConfiguration(configArgs);
        // Verbs print their results on stdout; warnings and errors go to stderr, nothing else.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.Error);
        builder.AddNetOpsState(scheduler: false);
        more?.Invoke(builder, builder.Services);
        return builder.Build();
    }
}
