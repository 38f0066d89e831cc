using Microsoft.EntityFrameworkCore;
using NetOps.Core.Audit;
using NetOps.Core.State;
using NetOps.Core.Tests.State;
using NetOps.Testing;

namespace NetOps.Core.Tests.Audit;

/// <summary>The chain in the state DB: appends, and every kind of tampering someone with SQL access could try.</summary>
public sealed class AuditLogTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AuditActor Alice = new("alice", "192.0.2.10");

    private async Task<TestStateDb> ChainOfAsync(StateDbProvider provider, int count)
    {
        var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        // Ticks below a microsecond: what the chain hashes must be what the DB gives back.
        db.Time.Advance(TimeSpan.FromTicks(1_234_567));
        var audit = db.NewAuditLog();
        for (int i = 1; i <= count; i++)
        {
            await audit.RecordAsync(new AuditEntry(Alice, "inventory.site.update", $"35201{i}",
                new { name = "下関市", devices = i }, new { name = "下関市 \"新\" <b>", devices = i + 1 }), Ct);
            db.Time.Advance(TimeSpan.FromSeconds(1.5));
        }
        return db;
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Records_append_with_contiguous_sequences_and_the_chain_verifies_intact(StateDbProvider provider)
    {
        await using var db = await ChainOfAsync(provider, 5);
        var audit = db.NewAuditLog(db.NewFactory());

        var records = await audit.QueryAsync(new AuditQuery(Ascending: true), Ct);
        var verification = await audit.VerifyAsync(Ct);

        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence));
        Assert.Equal(AuditChain.Genesis, records[0].PreviousHash);
        for (int i = 1; i < records.Count; i++) Assert.Equal(records[i - 1].Hash, records[i].PreviousHash);
        Assert.All(records, r => Assert.Equal(AuditChain.ComputeHash(r), r.Hash));
        Assert.Equal("""{"name":"下関市","devices":1}""", records[0].Before);
        Assert.Equal(new AuditVerification(true, 5, null, null), verification);
        await using var context = db.Factory.CreateDbContext();
        var head = await context.AuditHeads.SingleAsync(Ct);
        Assert.Equal((5L, records[^1].Hash), (head.Sequence, head.Hash));
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite, "Actor")]
    [InlineData(StateDbProvider.Postgres, "Actor")]
    [InlineData(StateDbProvider.Sqlite, "After")]
    [InlineData(StateDbProvider.Postgres, "After")]
    public async Task Changing_one_byte_of_a_record_is_caught_at_that_record(StateDbProvider provider, string column)
    {
        await using var db = await ChainOfAsync(provider, 5);

        Assert.Equal(1, await db.ExecuteAsync($"""UPDATE audit_records SET "{column}" = 'X' || substr("{column}", 2) WHERE "Sequence" = 3""", Ct));
        var verification = await db.NewAuditLog().VerifyAsync(Ct);

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenAt);
        Assert.Equal(2, verification.Count);
        Assert.Contains("does not match its hash", verification.Reason);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Deleting_a_record_in_the_middle_is_caught_where_it_is_missing(StateDbProvider provider)
    {
        await using var db = await ChainOfAsync(provider, 5);

        await db.ExecuteAsync("""DELETE FROM audit_records WHERE "Sequence" = 3""", Ct);
        var verification = await db.NewAuditLog().VerifyAsync(Ct);

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenAt);
        Assert.Equal("record 3 is missing (next is 4)", verification.Reason);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Deleting_the_newest_record_is_caught_by_the_head(StateDbProvider provider)
    {
        await using var db = await ChainOfAsync(provider, 5);

        await db.ExecuteAsync("""DELETE FROM audit_records WHERE "Sequence" = 5""", Ct);
        var verification = await db.NewAuditLog().VerifyAsync(Ct);

        Assert.False(verification.Intact);
        Assert.Equal(5, verification.BrokenAt);
        Assert.Equal(4, verification.Count);
        Assert.Contains("head says 5", verification.Reason);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Deleting_the_newest_record_stays_caught_after_the_next_append(StateDbProvider provider)
    {
        await using var db = await ChainOfAsync(provider, 5);
        await db.ExecuteAsync("""DELETE FROM audit_records WHERE "Sequence" = 5""", Ct);
        var audit = db.NewAuditLog();

        var next = await audit.RecordAsync(new AuditEntry(Alice, "auth.sign_in", "alice"), Ct);
        var verification = await audit.VerifyAsync(Ct);

        Assert.Equal(6, next.Sequence);
        Assert.False(verification.Intact);
        Assert.Equal(5, verification.BrokenAt);
        Assert.Equal("record 5 is missing (next is 6)", verification.Reason);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Swapping_the_contents_of_two_records_is_caught_at_the_first_of_them(StateDbProvider provider)
    {
        await using var db = await ChainOfAsync(provider, 5);
        await using (var context = db.Factory.CreateDbContext())
        {
            var two = await context.AuditRecords.SingleAsync(r => r.Sequence == 2, Ct);
            var three = await context.AuditRecords.SingleAsync(r => r.Sequence == 3, Ct);
            (two.Time, three.Time) = (three.Time, two.Time);
            (two.Actor, three.Actor) = (three.Actor, two.Actor);
            (two.Source, three.Source) = (three.Source, two.Source);
            (two.Action, three.Action) = (three.Action, two.Action);
            (two.Target, three.Target) = (three.Target, two.Target);
            (two.Before, three.Before) = (three.Before, two.Before);
            (two.After, three.After) = (three.After, two.After);
            (two.PreviousHash, three.PreviousHash) = (three.PreviousHash, two.PreviousHash);
            (two.Hash, three.Hash) = (three.Hash, two.Hash);
            await context.SaveChangesAsync(Ct);
        }

        var verification = await db.NewAuditLog().VerifyAsync(Ct);

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.BrokenAt);
        Assert.Contains("previous-hash does not match", verification.Reason);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Two_nodes_appending_at_once_build_one_intact_chain(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        // Two nodes: each its own factory (connection pool) and AuditLog (in-process lock).
        var nodes = new[] { db.NewAuditLog(db.NewFactory(), TimeProvider.System), db.NewAuditLog(db.NewFactory(), TimeProvider.System) };
        const int perWriter = 15, writersPerNode = 2;

        await Task.WhenAll(Enumerable.Range(0, nodes.Length * writersPerNode).Select(w => Task.Run(async () =>
        {
            var audit = nodes[w % nodes.Length];
            for (int i = 0; i < perWriter; i++)
                await audit.RecordAsync(new AuditEntry(new AuditActor($"writer{w}", null), "test.append", $"{w}/{i}"), Ct);
        }, Ct)));

        var verification = await nodes[0].VerifyAsync(Ct);
        var records = await nodes[1].QueryAsync(new AuditQuery(Ascending: true, Limit: 1000), Ct);
        Assert.Equal(new AuditVerification(true, nodes.Length * writersPerNode * perWriter, null, null), verification);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(records.Count, records.Select(r => r.Target).Distinct().Count());
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task An_empty_chain_is_intact(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);

        Assert.Equal(new AuditVerification(true, 0, null, null), await db.NewAuditLog().VerifyAsync(Ct));
    }
}
