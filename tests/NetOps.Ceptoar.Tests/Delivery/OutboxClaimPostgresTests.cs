using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;
using NetOps.Core.Audit;
using NetOps.Core.State;
using NetOps.Testing;

namespace NetOps.Ceptoar.Tests.Delivery;

/// <summary>Two nodes on one PostgreSQL state DB claim the same outbox: each row is held by one of them, and a lost node's rows move after the lease.</summary>
public sealed class OutboxClaimPostgresTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private async Task<(string Cs, long Advisory)> SentAdvisoryAsync(int bodies)
    {
        var cs = await postgres.CreateDatabaseAsync("outbox", Ct);
        var factory = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Postgres, cs));
        await using (var db = factory.CreateDbContext()) await StateDbInitializer.MigrateAsync(db, NullLogger.Instance, Ct);
        var audit = new AuditLog(factory, _time, NullLogger<AuditLog>.Instance);
        await new ContactStore(factory, audit, _time).ImportAsync(new ContactImport(
            BodyDirectory.Shipped.Bodies.Take(bodies).Select(b => new AdvisoryContact(b.Code, $"joho@b{b.Code}.example.jp", "情報政策課")).ToList(), []),
            new AuditActor("pub1", null), "test", Ct);
        var store = new AdvisoryStore(factory, audit, BodyDirectory.Shipped, new DeliverySignal(), _time);
        var created = await store.CreateAsync(new AdvisoryDraft("t", "b", AdvisorySeverity.Information, TrafficLightProtocol.Clear, "NISC", [], [], []),
            RecipientSpec.Everyone, new AuditActor("pub1", null), Ct);
        await store.ApproveAsync(created.Id!.Value, new AuditActor("appr1", null), Ct);
        Assert.Equal(bodies, (await store.SendAsync(created.Id!.Value, null, new AuditActor("pub1", null), Ct)).Recipients);
        return (cs, created.Id!.Value);
    }

    private OutboxStore Node(string cs) => new(new StateDbContextFactory(new StateDbConnection(StateDbProvider.Postgres, cs)), _time);

    [Fact]
    public async Task Two_nodes_claiming_at_once_never_hold_the_same_row()
    {
        var (cs, _) = await SentAdvisoryAsync(400);
        var nodes = new[] { Node(cs), Node(cs), Node(cs) };
        var held = nodes.Select(_ => new List<long>()).ToArray();
        await Task.WhenAll(nodes.Select((node, i) => Task.Run(async () =>
        {
            while (true)
            {
                var claim = await node.ClaimAsync($"node-{i}", 15, TimeSpan.FromMinutes(5), Ct);
                if (claim.Rows.Count == 0) return;
                foreach (var row in claim.Rows)
                {
                    held[i].Add(row.Id);
                    Assert.True(await node.MarkSentAsync(row.Id, Ct));
                }
            }
        }, Ct)));
        var all = held.SelectMany(h => h).ToList();
        Assert.Equal(400, all.Count);
        Assert.Equal(400, all.Distinct().Count());
    }

    [Fact]
    public async Task A_lost_nodes_rows_are_taken_over_when_its_lease_ends()
    {
        var (cs, advisory) = await SentAdvisoryAsync(30);
        var lost = await Node(cs).ClaimAsync("node-a", 10, TimeSpan.FromSeconds(60), Ct);
        var survivor = Node(cs);
        var rest = await survivor.ClaimAsync("node-b", 100, TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(20, rest.Rows.Count);
        Assert.Empty(rest.Rows.Select(r => r.Id).Intersect(lost.Rows.Select(r => r.Id)));
        foreach (var r in rest.Rows) await survivor.MarkSentAsync(r.Id, Ct);
        Assert.Empty((await survivor.ClaimAsync("node-b", 100, TimeSpan.FromSeconds(60), Ct)).Rows);
        _time.Advance(TimeSpan.FromSeconds(61));
        var takeover = await survivor.ClaimAsync("node-b", 100, TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(lost.Rows.Select(r => r.Id), takeover.Rows.Select(r => r.Id));
        foreach (var r in takeover.Rows) await survivor.MarkSentAsync(r.Id, Ct);
        Assert.Equal([advisory], await survivor.CompleteAsync(Ct));
    }
}
