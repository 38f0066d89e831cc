using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetOps.Collector.Snmp;
using NetOps.Core.Hosting;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;
using NetOps.Core.State;

namespace NetOps.Collector.Tests.Snmp;

/// <summary>
/// Collectors splitting the polled devices by membership (<c>Collector:Snmp:Sharding=members</c>) on a real, migrated
/// SQLite state DB: who is a member, when one is gone, and which devices each then polls.
/// </summary>
public sealed class SnmpMembershipTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-snmp-members-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));
    private StateDbContextFactory _db = null!;

    public async ValueTask InitializeAsync()
    {
        _db = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "netops.db"), Pooling = false, DefaultTimeout = 30 }.ToString()));
        await using var context = _db.CreateDbContext();
        await StateDbInitializer.MigrateAsync(context, NullLogger.Instance, Ct);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private static SnmpOptions Options(string member) => new() { Sharding = "members", MemberName = member, HeartbeatSeconds = 10 };

    private SnmpMembership Member(string name) =>
        new(_db, Microsoft.Extensions.Options.Options.Create(Options(name)), _time, new BackgroundLoops(new NetOpsMetrics()), NullLogger<SnmpMembership>.Instance);

    [Fact]
    public async Task Members_see_each_other_one_silent_for_three_heartbeats_is_gone_and_one_that_stops_leaves_at_once()
    {
        var a = Member("collector-a");
        var b = Member("collector-b");
        var c = Member("collector-c");
        await a.BeatAsync(Ct);
        await b.BeatAsync(Ct);
        await c.BeatAsync(Ct);
        await a.BeatAsync(Ct);
        Assert.Equal(["collector-a", "collector-b", "collector-c"], a.Members);

        // b is killed: it beats no more; after three heartbeats (30 s) it is no member
        _time.Advance(TimeSpan.FromSeconds(20));
        await a.BeatAsync(Ct);
        await c.BeatAsync(Ct);
        Assert.Contains("collector-b", a.Members);
        _time.Advance(TimeSpan.FromSeconds(11));
        await a.BeatAsync(Ct);
        Assert.Equal(["collector-a", "collector-c"], a.Members);

        // c stops cleanly: its row goes with it, so a sees it gone at its next heartbeat
        await c.StopAsync(Ct);
        await a.BeatAsync(Ct);
        Assert.Equal(["collector-a"], a.Members);
    }

    [Fact]
    public async Task A_member_whose_state_db_is_gone_keeps_its_last_view_and_counts_itself_in()
    {
        var a = Member("collector-a");
        Assert.Equal(["collector-a"], a.Members); // before any heartbeat
        await Member("collector-b").BeatAsync(Ct);
        await a.BeatAsync(Ct);
        Assert.Equal(["collector-a", "collector-b"], a.Members);
        var broken = new SnmpMembership(new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite, $"Data Source={Path.Combine(_dir, "missing", "x.db")};Mode=ReadOnly")),
            Microsoft.Extensions.Options.Options.Create(Options("collector-z")), _time, new BackgroundLoops(new NetOpsMetrics()), NullLogger<SnmpMembership>.Instance);
        await Assert.ThrowsAnyAsync<Exception>(() => broken.BeatAsync(Ct));
        Assert.Equal(["collector-z"], broken.Members);
    }

    [Fact]
    public async Task Pollers_split_the_devices_among_the_members_and_the_survivor_takes_a_stopped_ones_share()
    {
        var inventory = new EditableInventory(DemoInventory.Generate());
        var a = Member("collector-a");
        var b = Member("collector-b");
        await a.BeatAsync(Ct);
        await b.BeatAsync(Ct);
        await a.BeatAsync(Ct);
        var pa = Poller(inventory, a);
        var pb = Poller(inventory, b);
        pa.Tick(CancellationToken.None);
        pb.Tick(CancellationToken.None);
        int all = SnmpTarget.From(inventory.Current, new SnmpOptions { Credentials = { ["noc"] = new() { Community = "x" } } }, []).Count;
        Assert.True(all > 100, $"{all} devices");
        var mineA = pa.Targets.Select(t => t.Device.Name).ToHashSet();
        var mineB = pb.Targets.Select(t => t.Device.Name).ToHashSet();
        Assert.Equal(all, mineA.Count + mineB.Count);
        Assert.Empty(mineA.Intersect(mineB));
        Assert.InRange(mineA.Count, all * 0.4, all * 0.6);

        await b.StopAsync(Ct);
        await a.BeatAsync(Ct);
        pa.Tick(CancellationToken.None);
        Assert.Equal(all, pa.Targets.Count);
        Assert.Superset(mineA, pa.Targets.Select(t => t.Device.Name).ToHashSet()); // it kept its own and took b's
    }

    private SnmpPoller Poller(EditableInventory inventory, SnmpMembership membership)
    {
        var options = Options(membership.Name);
        options.Credentials["noc"] = new SnmpCredentialOptions { Community = "x" };
        return new SnmpPoller(inventory, Microsoft.Extensions.Options.Options.Create(options), new NullWriter(), new SnmpMetrics(new NetOpsMetrics()), _time,
            new BackgroundLoops(new NetOpsMetrics()), NullLogger<SnmpPoller>.Instance, membership: membership);
    }

    private sealed class EditableInventory(SiteInventory current) : IInventorySource
    {
        public SiteInventory Current { get; } = Snmp(current);
        public event Action<SiteInventory>? Changed { add { } remove { } }

        /// <summary>Every router of the demo inventory polled with credential noc.</summary>
        private static SiteInventory Snmp(SiteInventory inventory)
        {
            foreach (var site in inventory.Sites.Take(300))
                foreach (var d in site.Devices.Where(d => d.Kind == "router"))
                    d.Snmp = new DeviceSnmp { Credential = "noc", Port = 9, IntervalSeconds = 3600 }; // Tick decides; no poll falls due here
            return inventory;
        }
    }

    private sealed class NullWriter : NetOps.Core.Influx.IPointWriter
    {
        public bool TryWrite(NetOps.Core.Influx.Point point) => true;
        public ValueTask WriteAsync(NetOps.Core.Influx.Point point, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
