using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetOps.Core.State;
using NetOps.Testing;
using Npgsql;
using Quartz;

namespace NetOps.Core.Tests.State;

/// <summary>
/// Quartz on PostgreSQL as <see cref="StateDbServiceExtensions.AddStateDb"/> configures it (AdoJobStore, clustered):
/// two nodes on one database, every fire on exactly one of them, and the work moves when a node stops. Fires are
/// counted in a table, never in memory.
/// </summary>
public sealed class QuartzClusterTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestStateDb Db, IHost A, IHost B)> StartTwoNodesAsync()
    {
        var db = await TestStateDb.CreateAsync(StateDbProvider.Postgres, postgres, Ct);
        await db.ExecuteAsync("""
            CREATE TABLE test_fires (
                id bigserial PRIMARY KEY, node text NOT NULL, trigger_name text NOT NULL,
                scheduled timestamptz NOT NULL, fired_at timestamptz NOT NULL DEFAULT clock_timestamp())
            """, Ct);
        var a = TestStateHost.Build(db, TimeProvider.System, scheduler: true);
        var b = TestStateHost.Build(db, TimeProvider.System, scheduler: true);
        // Together, on a database without Quartz's tables: both provision them and come up.
        await Task.WhenAll(a.StartAsync(Ct), b.StartAsync(Ct));
        return (db, a, b);
    }

    private static async Task<IScheduler> SchedulerAsync(IHost host) =>
        await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);

    private static async Task<List<Fire>> FiresAsync(TestStateDb db)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT node, trigger_name, scheduled, fired_at FROM test_fires ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var fires = new List<Fire>();
        while (await reader.ReadAsync(Ct))
            fires.Add(new Fire(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
        return fires;
    }

    private static async Task<List<Fire>> WaitForFiresAsync(TestStateDb db, Func<List<Fire>, bool> enough, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var fires = await FiresAsync(db);
            if (enough(fires)) return fires;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"after {timeout.TotalSeconds} s: {fires.Count} fires ({string.Join(", ", fires.Select(f => $"{f.Trigger}@{f.Node}"))})");
            await Task.Delay(200, Ct);
        }
    }

    private static IJobDetail Job() => JobBuilder.Create<RecordFireJob>().WithIdentity("record-fire", "test").StoreDurably().Build();

    [Fact]
    public async Task Two_nodes_form_one_cluster_and_each_fire_runs_on_exactly_one_of_them()
    {
        var (db, a, b) = await StartTwoNodesAsync();
        await using var _ = db;
        using var __ = a;
        using var ___ = b;
        var schedulerA = await SchedulerAsync(a);
        var schedulerB = await SchedulerAsync(b);
        Assert.True((await schedulerA.GetMetadata(Ct)).JobStoreClustered);
        Assert.Equal(schedulerA.SchedulerName, schedulerB.SchedulerName);
        Assert.NotEqual(schedulerA.SchedulerInstanceId, schedulerB.SchedulerInstanceId);

        var start = DateTimeOffset.UtcNow.AddSeconds(2);
        await schedulerA.AddJob(Job(), AddJobOptions.Replacing, Ct);
        await schedulerA.ScheduleJob(TriggerBuilder.Create().ForJob("record-fire", "test").WithIdentity("once", "test")
            .StartAt(start).Build(), cancellationToken: Ct);
        await schedulerB.ScheduleJob(TriggerBuilder.Create().ForJob("record-fire", "test").WithIdentity("ten", "test")
            .StartAt(start).WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(500)).WithRepeatCount(9)).Build(), cancellationToken: Ct);

        await WaitForFiresAsync(db, f => f.Count >= 11, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // room for a second run of any fire
        var fires = await FiresAsync(db);

        foreach (var f in fires) TestContext.Current.TestOutputHelper?.WriteLine($"{f.Trigger} {f.Scheduled:HH:mm:ss.fff} on {f.Node} at {f.FiredAt:HH:mm:ss.fff}");
        Assert.Single(fires, f => f.Trigger == "once");
        Assert.Equal(10, fires.Count(f => f.Trigger == "ten"));
        Assert.Equal(fires.Count, fires.Select(f => (f.Trigger, f.Scheduled)).Distinct().Count());
        Assert.All(fires, f => Assert.Contains(f.Node, new[] { schedulerA.SchedulerInstanceId, schedulerB.SchedulerInstanceId }));
        await Task.WhenAll(a.StopAsync(Ct), b.StopAsync(Ct));
    }

    [Fact]
    public async Task When_the_node_running_a_job_stops_the_other_takes_its_future_fires()
    {
        var (db, a, b) = await StartTwoNodesAsync();
        await using var _ = db;
        using var __ = a;
        using var ___ = b;
        var schedulers = new[] { await SchedulerAsync(a), await SchedulerAsync(b) };
        await schedulers[0].ScheduleJob(Job(), TriggerBuilder.Create().WithIdentity("every-second", "test")
            .StartAt(DateTimeOffset.UtcNow.AddSeconds(1)).WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).RepeatForever()).Build(), cancellationToken: Ct);

        var before = await WaitForFiresAsync(db, f => f.Count >= 3, TimeSpan.FromSeconds(60));
        int running = before[^1].Node == schedulers[0].SchedulerInstanceId ? 0 : 1;
        var hosts = new[] { a, b };
        await hosts[running].StopAsync(Ct);
        var stoppedAt = DateTimeOffset.UtcNow;
        var survivor = schedulers[1 - running].SchedulerInstanceId;

        // A fire may have been under way on the stopped node; count only those scheduled after it was gone.
        var after = await WaitForFiresAsync(db, f => f.Count(x => x.Scheduled > stoppedAt) >= 3, TimeSpan.FromSeconds(90));

        foreach (var f in after) TestContext.Current.TestOutputHelper?.WriteLine($"{f.Trigger} {f.Scheduled:HH:mm:ss.fff} on {f.Node} at {f.FiredAt:HH:mm:ss.fff}; stopped {stoppedAt:HH:mm:ss.fff}");
        Assert.All(after.Where(f => f.Scheduled > stoppedAt), f => Assert.Equal(survivor, f.Node));
        Assert.Equal(after.Count, after.Select(f => f.Scheduled).Distinct().Count());
        await hosts[1 - running].StopAsync(Ct);
    }

    private sealed record Fire(string Node, string Trigger, DateTimeOffset Scheduled, DateTimeOffset FiredAt);
}

/// <summary>Writes one row per fire: which node ran which trigger's fire scheduled for when.</summary>
[DisallowConcurrentExecution]
public sealed class RecordFireJob(StateDbConnection connection) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var c = new NpgsqlConnection(connection.ConnectionString);
        await c.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO test_fires (node, trigger_name, scheduled) VALUES ($1, $2, $3)", c)
        {
            Parameters =
            {
                new() { Value = context.Scheduler.SchedulerInstanceId },
                new() { Value = context.Trigger.Key.Name },
                new() { Value = context.ScheduledFireTimeUtc ?? context.FireTimeUtc },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
