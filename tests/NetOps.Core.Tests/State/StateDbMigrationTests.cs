using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetOps.Core.Audit;
using NetOps.Core.Identity;
using NetOps.Core.Inventory.Storage;
using NetOps.Core.State;
using NetOps.Testing;

namespace NetOps.Core.Tests.State;

/// <summary>The migrations of both providers, applied by hand and by a host's start, once and again.</summary>
public sealed class StateDbMigrationTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_applies_nothing(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateEmptyAsync(provider, postgres, Ct);

        var first = await db.MigrateAsync(Ct);
        var second = await db.MigrateAsync(Ct);

        Assert.NotEmpty(first);
        Assert.Contains(first, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Empty(second);
        await using var context = db.Factory.CreateDbContext();
        Assert.Equal(first, await context.Database.GetAppliedMigrationsAsync(Ct));
        // The migrations describe this provider's model exactly: nothing a `migrations add` would still generate.
        Assert.False(context.Database.HasPendingModelChanges());
        Assert.Equal(0, await context.AuditRecords.CountAsync(Ct));
        Assert.Equal(0, await context.Sites.CountAsync(Ct));
        Assert.Equal(0, await context.ApiTokens.CountAsync(Ct));
        Assert.Equal(0, await context.Users.CountAsync(Ct));
        Assert.Equal(context.Database.GetMigrations().Count(), await db.ScalarAsync($"SELECT count(*) FROM {NetOpsDbContext.HistoryTable}", Ct));
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_host_migrates_creates_the_six_roles_and_seeds_the_inventory_once(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateEmptyAsync(provider, postgres, Ct);
        var inventoryFile = TestStateHost.WriteSmallInventory(db);

        for (int start = 0; start < 2; start++)
        {
            using var host = TestStateHost.Build(db, inventoryPath: inventoryFile);
            await host.Services.GetRequiredService<StateDbInitializer>().EnsureReadyAsync(Ct);
        }

        await using var context = db.Factory.CreateDbContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(NetOpsRoleNames.All.Order(), (await context.Roles.Select(r => r.Name!).ToListAsync(Ct)).Order());
        Assert.Equal(["000000"], await context.Sites.Select(s => s.Code).ToListAsync(Ct));
        var audit = await context.AuditRecords.ToListAsync(Ct);
        Assert.Equal("inventory.seed", Assert.Single(audit).Action);
        Assert.True((await db.NewAuditLog().VerifyAsync(Ct)).Intact);
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_PostgreSQL_database_both_come_up_and_seed_once()
    {
        // A race: a few rounds, each on a new database, to give it a chance to show.
        for (int round = 0; round < 3; round++)
        {
            await using var db = await TestStateDb.CreateEmptyAsync(StateDbProvider.Postgres, postgres, Ct);
            var inventoryFile = TestStateHost.WriteSmallInventory(db);
            using var a = TestStateHost.Build(db, inventoryPath: inventoryFile);
            using var b = TestStateHost.Build(db, inventoryPath: inventoryFile);

            await Task.WhenAll(
                Task.Run(() => a.Services.GetRequiredService<StateDbInitializer>().EnsureReadyAsync(Ct), Ct),
                Task.Run(() => b.Services.GetRequiredService<StateDbInitializer>().EnsureReadyAsync(Ct), Ct));

            await using var context = db.Factory.CreateDbContext();
            Assert.Equal(NetOpsRoleNames.All.Count, await context.Roles.CountAsync(Ct));
            Assert.Equal(1, await context.Sites.CountAsync(Ct));
            Assert.Equal("inventory.seed", Assert.Single(await context.AuditRecords.ToListAsync(Ct)).Action);
            Assert.True((await db.NewAuditLog().VerifyAsync(Ct)).Intact);
        }
    }
}
