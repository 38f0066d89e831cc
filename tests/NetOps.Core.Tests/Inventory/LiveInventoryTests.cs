using NetOps.Core.Metrics;
using NetOps.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Core.Audit;
using NetOps.Core.Inventory;
using NetOps.Core.Inventory.Storage;
using NetOps.Core.State;
using NetOps.Core.Tests.Inventory.Storage;
using NetOps.Core.Tests.State;
using NetOps.Testing;

namespace NetOps.Core.Tests.Inventory;

/// <summary>Every process sees an edit made in another one: two hosts ("processes") on one state DB.</summary>
public sealed class LiveInventoryTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AuditActor Operator = new("yamada", "192.0.2.20");

    private static Site Ube() =>
        new() { Code = "352021", Name = "宇部市", Prefecture = "35", Parent = "350001", Devices = [InventoryRepositoryTests.Router("352021-rt1", "127.16.3.1")] };

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task An_edit_in_another_process_is_picked_up_by_RefreshAsync_and_raises_Changed(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        await db.NewInventoryRepository().ReplaceAsync(InventoryRepositoryTests.Small(), Operator, cancellationToken: Ct);
        using var dashboard = TestStateHost.Build(db);
        using var collector = TestStateHost.Build(db);
        var live = collector.Services.GetRequiredService<LiveInventory>();
        var changes = new List<SiteInventory>();
        live.Changed += changes.Add;
        live.Changed += _ => throw new InvalidOperationException("a part that fails must not keep the others from the change");
        live.Changed += changes.Add;
        Assert.False(await live.RefreshAsync(Ct));
        Assert.Null(live.Current.FindSite("352021"));

        await dashboard.Services.GetRequiredService<InventoryRepository>().SaveSiteAsync(Ube(), Operator, Ct);

        Assert.True(await live.RefreshAsync(Ct));
        Assert.Equal("352021", live.Current.FindByName("352021-rt1")?.Site.Code);
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Same(live.Current, c));
        Assert.Equal(await db.NewInventoryRepository().RevisionAsync(Ct), live.Revision);
        Assert.False(await live.RefreshAsync(Ct));
        Assert.Equal(2, changes.Count);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task The_watcher_reloads_within_its_period(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        await db.NewInventoryRepository().ReplaceAsync(InventoryRepositoryTests.Small(), Operator, cancellationToken: Ct);
        using var collector = TestStateHost.Build(db);
        var live = collector.Services.GetRequiredService<LiveInventory>();
        var changed = new TaskCompletionSource<SiteInventory>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Changed += i => changed.TrySetResult(i);
        using var watcher = new InventoryWatcher(live, Options.Create(new InventoryOptions { ReloadSeconds = 2 }), db.Time, new BackgroundLoops(new NetOpsMetrics()));
        await watcher.StartAsync(Ct);

        await db.NewInventoryRepository(db.NewFactory()).SaveSiteAsync(Ube(), Operator, Ct);
        // The timer is armed once ExecuteAsync runs; keep moving time until the watcher has polled.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!changed.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            db.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.WhenAny(changed.Task, Task.Delay(100, Ct));
        }

        Assert.True(changed.Task.IsCompleted, "the watcher did not reload within 30 s");
        Assert.NotNull((await changed.Task).FindSite("352021"));
        await watcher.StopAsync(Ct);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_poll_that_fails_keeps_the_last_inventory_shows_on_health_and_the_watcher_carries_on(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        await db.NewInventoryRepository().ReplaceAsync(InventoryRepositoryTests.Small(), Operator, cancellationToken: Ct);
        using var collector = TestStateHost.Build(db);
        var live = collector.Services.GetRequiredService<LiveInventory>();
        var loops = new BackgroundLoops(new NetOpsMetrics());
        using var watcher = new InventoryWatcher(live, Options.Create(new InventoryOptions { ReloadSeconds = 2 }), db.Time, loops);
        var loop = loops.Register("inventory", "reload");
        await watcher.StartAsync(Ct);

        // The state DB loses the table the watcher polls (as a restarting server would refuse it).
        await db.ExecuteAsync("ALTER TABLE inventory_revision RENAME TO inventory_revision_away", Ct);
        await AdvanceUntilAsync(db, () => loop.Failures > 0);
        Assert.NotNull(loop.Problem);
        Assert.StartsWith("inventory: reload is failing", loop.Problem);
        Assert.NotNull(live.Current.FindSite("352012"));

        await db.ExecuteAsync("ALTER TABLE inventory_revision_away RENAME TO inventory_revision", Ct);
        await db.NewInventoryRepository(db.NewFactory()).SaveSiteAsync(Ube(), Operator, Ct);
        await AdvanceUntilAsync(db, () => live.Current.FindSite("352021") is not null);
        Assert.Null(loop.Problem);
        Assert.False(loop.Exited);
        await watcher.StopAsync(Ct);
        Assert.False(loop.Exited); // a stop is not a loop that died
    }

    private static async Task AdvanceUntilAsync(TestStateDb db, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            db.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(100, Ct);
        }
        Assert.True(condition(), "the watcher did not get there within 30 s");
    }
}
