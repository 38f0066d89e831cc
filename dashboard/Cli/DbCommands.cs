using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.State;

namespace NetOps.Dashboard.Cli;

/// <summary><c>netops db migrate</c>.</summary>
public static class DbCommands
{
    public static Command Build(IServiceProvider services)
    {
        var db = new Command("db", "The state DB");
        var migrate = new Command("migrate", "Apply pending migrations (NetOps also does this at start unless StateDb:MigrateOnStart=false)");
        migrate.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var connection = sp.GetRequiredService<StateDbConnection>();
            await using var context = await sp.GetRequiredService<IDbContextFactory<NetOpsDbContext>>().CreateDbContextAsync(ct);
            var applied = await StateDbInitializer.MigrateAsync(context, sp.GetRequiredService<ILogger<NetOpsDbContext>>(), ct);
            Console.WriteLine(applied.Count == 0
                ? $"state DB ({connection.Provider}) is up to date"
                : $"state DB ({connection.Provider}): applied {applied.Count} migrations: {string.Join(", ", applied)}");
            return 0;
        }));
        db.Subcommands.Add(migrate);
        return db;
    }
}
