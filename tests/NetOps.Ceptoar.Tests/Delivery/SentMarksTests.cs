using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Ceptoar.Tests.Delivery;

/// <summary>The sender's group commit of sent-marks on a real SQLite state DB: every handed-over row marked, in batches, and a failure that does not hang.</summary>
public sealed class SentMarksTests : IAsyncLifetime
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("netops-sentmarks-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private StateDbContextFactory _factory = null!;
    private AdvisoryStore _store = null!;
    private OutboxStore _outbox = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly AuditActor Publisher = new("pub1", "127.0.0.1");

    public async ValueTask InitializeAsync()
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "netops.db"), Pooling = false, DefaultTimeout = 30 }.ToString();
        _factory = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite, cs));
        await using (var db = _factory.CreateDbContext()) await StateDbInitializer.MigrateAsync(db, NullLogger.Instance, default);
        var audit = new AuditLog(_factory, _time, NullLogger<AuditLog>.Instance);
        _store = new AdvisoryStore(_factory, audit, BodyDirectory.Shipped, new DeliverySignal(), _time);
        _outbox = new OutboxStore(_factory, _time);
        await new ContactStore(_factory, audit, _time).ImportAsync(new ContactImport(
            BodyDirectory.Shipped.Bodies.Take(12).Select(b => new AdvisoryContact(b.Code, $"joho@b{b.Code}.example.lg.jp", "情報政策課")).ToList(), []), Publisher, "test", Ct);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private async Task<(long Advisory, OutboxClaim Claim)> ClaimedAsync()
    {
        var draft = new AdvisoryDraft("VPN 装置の脆弱性", "本文", AdvisorySeverity.Urgent, TrafficLightProtocol.Clear, "NISC", [], [], [], AdvisoryKind.Advisory, null, null);
        var id = (await _store.CreateAsync(draft, RecipientSpec.Everyone, Publisher, Ct)).Id!.Value;
        await _store.ApproveAsync(id, new AuditActor("appr1", "127.0.0.1"), Ct);
        await _store.SendAsync(id, null, Publisher, Ct);
        return (id, await _outbox.ClaimAsync("node-a", 100, TimeSpan.FromSeconds(60), Ct));
    }

    [Fact]
    public async Task Every_row_handed_over_is_marked_sent_in_commits_of_at_most_the_batch_size()
    {
        var (id, claim) = await ClaimedAsync();
        Assert.Equal(12, claim.Rows.Count);
        var commits = new ConcurrentQueue<int>();
        var marks = new SentMarks(_outbox, 5, rows => commits.Enqueue(rows.Count), _time, NullLogger.Instance);
        foreach (var row in claim.Rows) await marks.AddAsync(row);
        await marks.CompleteAsync();

        Assert.Equal(12, commits.Sum());
        Assert.All(commits, n => Assert.InRange(n, 1, 5));
        Assert.Equal(new DeliveryCounts(12, 12, 0, 0, 0), (await _store.DeliveriesAsync(id, Ct))!.Counts);
        Assert.Equal([id], await _outbox.CompleteAsync(Ct));
    }

    [Fact]
    public async Task A_batch_mark_leaves_rows_already_sent_or_failed_and_counts_only_those_it_marked()
    {
        var (_, claim) = await ClaimedAsync();
        var ids = claim.Rows.Select(r => r.Id).ToList();
        Assert.True(await _outbox.MarkSentAsync(ids[0], Ct));
        await _outbox.FailAsync(ids[1], 1, "550 5.1.1 user unknown", Ct);
        Assert.Equal(10, await _outbox.MarkSentAsync(ids, Ct));
        Assert.Equal(0, await _outbox.MarkSentAsync(ids, Ct));
        await using var db = _factory.CreateDbContext();
        var attempts = db.AdvisoryOutbox.Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.State, o.Attempts, o.ClaimedBy }).ToList();
        Assert.Equal(OutboxStates.Failed, attempts.Single(a => a.Id == ids[1]).State);
        Assert.All(attempts.Where(a => a.Id != ids[1]), a => Assert.Equal((OutboxStates.Sent, 1, (string?)null), (a.State, a.Attempts, a.ClaimedBy)));
    }

    [Fact]
    public async Task When_the_state_DB_cannot_be_written_the_marks_fail_and_later_rows_are_refused_rather_than_waiting()
    {
        var missing = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "no-such-dir", "netops.db"), Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        var broken = new OutboxStore(new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite, missing)), TimeProvider.System);
        int committed = 0;
        var marks = new SentMarks(broken, 1, _ => committed++, TimeProvider.System, NullLogger.Instance);
        var row = new ClaimedRow(1, 1, "joho@b011002.example.lg.jp", "011002", 0, "<advisory-1.x@netops>");
        await marks.AddAsync(row);
        await Assert.ThrowsAnyAsync<Exception>(marks.CompleteAsync);
        await Assert.ThrowsAsync<ChannelClosedException>(async () => await marks.AddAsync(row));
        Assert.Equal(0, committed);
    }
}
