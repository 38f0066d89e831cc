using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.Audit;
using NetOps.Dashboard.Hosting;

namespace NetOps.Dashboard.Cli;

/// <summary>
/// <c>netops user|audit|db|inventory …</c>: the verbs an operator runs beside the service. Each takes
/// <c>--config FILE</c> and <c>--Key=value</c> overrides, as <c>run</c> does. Exit codes: 0 done, 1 refused or
/// failed (the reason on stderr), 2 bad arguments or configuration.
/// </summary>
public static class CliCommands
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal) { "user", "audit", "db", "inventory" };

    // Options of the verbs themselves; any other --Name=value is a configuration override.
    private static readonly HashSet<string> VerbOptions = new(StringComparer.Ordinal)
    {
        "--role", "--email", "--display-name", "--password-stdin", "--days", "--help", "-h", "-?", "--from", "--to", "--detector",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var (configArgs, verbArgs) = Split(args);
        IHost host;
        try
        {
            host = CliHost.Build(configArgs);
        }
        catch (Exception e) when (StartupErrors.IsConfigurationError(e))
        {
            Console.Error.WriteLine($"netops: {StartupErrors.Describe(e)}");
            return 2;
        }
        using (host)
        {
            var root = new RootCommand("NetOps administration verbs");
            root.Subcommands.Add(UserCommands.Build(host.Services));
            root.Subcommands.Add(AuditCommands.Build(host.Services));
            root.Subcommands.Add(DbCommands.Build(host.Services));
            root.Subcommands.Add(InventoryCommands.Build(host.Services));
            try
            {
                return await root.Parse(verbArgs).InvokeAsync();
            }
            catch (Exception e) when (StartupErrors.IsConfigurationError(e))
            {
                Console.Error.WriteLine($"netops: {StartupErrors.Describe(e)}");
                return 2;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> in a scope; a refusal or a state DB failure is one line on stderr and exit 1.</summary>
    public static async Task<int> InScopeAsync(IServiceProvider services, Func<IServiceProvider, Task<int>> action)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<Core.State.StateDbInitializer>().EnsureReadyAsync(seedInventory: false);
            return await action(scope.ServiceProvider);
        }
        catch (Exception e) when (e is Core.Identity.UserAdministrationException or Core.Inventory.InventoryException or ArgumentException or IOException or DbUpdateException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"netops: {e.Message}");
            return 1;
        }
    }

    public static AuditActor Actor => AuditActor.CommandLine();

    /// <summary>Splits configuration arguments (<c>--config FILE</c>, <c>--Key=value</c>) from the verb's own.</summary>
    public static (string[] Config, string[] Verb) Split(string[] args)
    {
        var config = new List<string>();
        var verb = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--config" && i + 1 < args.Length) { config.Add(a); config.Add(args[++i]); }
            else if (a.StartsWith("--config=", StringComparison.Ordinal)) config.Add(a);
            else if (a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') && !VerbOptions.Contains(a[..a.IndexOf('=')])) config.Add(a);
            else verb.Add(a);
        }
        return (config.ToArray(), verb.ToArray());
    }
}
