using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Ceptoar.Tests.Advisories;

/// <summary>The store on a real SQLite state DB: four eyes, corrections, the outbox committed at send, lease claims, resends to failures.</summary>
public sealed class AdvisoryStoreTests : IAsyncLifetime
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("netops-advisories-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private StateDbContextFactory _factory = null!;
    private AuditLog _audit = null!;
    private AdvisoryStore _store = null!;
    private OutboxStore _outbox = null!;
    private readonly DeliveryProgress _progress = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly AuditActor Publisher = new("pub1", "127.0.0.1");
    private static readonly AuditActor Approver = new("appr1", "127.0.0.1");

    public async ValueTask InitializeAsync()
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "netops.db"), Pooling = false, DefaultTimeout = 30 }.ToString();
        _factory = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite, cs));
        await using (var db = _factory.CreateDbContext()) await StateDbInitializer.MigrateAsync(db, NullLogger.Instance, default);
        _audit = new AuditLog(_factory, _time, NullLogger<AuditLog>.Instance);
        _store = new AdvisoryStore(_factory, _audit, BodyDirectory.Shipped, new DeliverySignal(), _time, progress: _progress);
        _outbox = new OutboxStore(_factory, _time);
        var contacts = new ContactStore(_factory, _audit, _time);
        await contacts.ImportAsync(new ContactImport([
            new("352012", "ciso@city.shimonoseki.example.jp", "CISO"), new("352012", "joho@city.shimonoseki.example.jp", "情報政策課"),
            new("131016", "ciso@city.chiyoda.example.jp", "CISO"), new("011002", "joho@city.sapporo.example.jp", "情報政策課"),
        ], []), Publisher, "test", Ct);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private static AdvisoryDraft Draft(AdvisoryKind kind = AdvisoryKind.Advisory, long? supersedes = null, TrafficLightProtocol tlp = TrafficLightProtocol.Amber) =>
        new("VPN 装置の脆弱性", "本文", AdvisorySeverity.Urgent, tlp, "NISC", ["CVE-2026-0001"], [], [], kind, null, supersedes);

    private async Task<long> CreateAsync(RecipientSpec recipients)
    {
        var result = await _store.CreateAsync(Draft(), recipients, Publisher, Ct);
        Assert.Empty(result.Errors);
        return result.Id!.Value;
    }

    [Fact]
    public async Task The_author_may_not_approve_their_draft_and_the_refusal_is_audited()
    {
        var id = await CreateAsync(RecipientSpec.Everyone);
        Assert.Equal(ApprovalOutcome.AuthorMayNotApprove, await _store.ApproveAsync(id, Publisher with { Name = "PUB1" }, Ct));
        Assert.Equal(AdvisoryState.Draft, (await _store.FindAsync(id, Ct))!.State);
        Assert.Equal(SendOutcome.NotApproved, (await _store.SendAsync(id, null, Publisher, Ct)).Outcome);
        Assert.Equal(ApprovalOutcome.Approved, await _store.ApproveAsync(id, Approver, Ct));
        Assert.Equal(ApprovalOutcome.NotADraft, await _store.ApproveAsync(id, Approver, Ct));
        var actions = (await _audit.QueryAsync(new AuditQuery(Action: "advisory.", Ascending: true), Ct)).Select(r => $"{r.Actor} {r.Action}");
        Assert.Equal(["pub1 advisory.create", "PUB1 advisory.approve.denied", "appr1 advisory.approve"], actions);
    }

    [Fact]
    public async Task Sending_commits_one_outbox_row_per_contact_address_with_a_stable_Message_ID()
    {
        var id = await CreateAsync(new RecipientSpec(false, ["35"], ["131016", "472018"]));
        await _store.ApproveAsync(id, Approver, Ct);
        var result = await _store.SendAsync(id, null, Publisher, Ct);
        Assert.Equal(SendOutcome.Sending, result.Outcome);
        Assert.Equal(3, result.Recipients);
        Assert.Contains("472018", result.BodiesWithoutContact!);
        var report = (await _store.DeliveriesAsync(id, Ct))!;
        Assert.Equal(new DeliveryCounts(3, 0, 0, 3, 0), report.Counts);
        Assert.Equal(["13", "35"], report.Prefectures.Select(p => p.Prefecture));
        Assert.Equal("山口県", report.Prefectures[1].Name);
    }

    [Fact]
    public async Task A_row_is_claimed_by_one_claim_until_its_lease_ends_and_a_sent_row_never_again()
    {
        var id = await CreateAsync(RecipientSpec.Everyone);
        await _store.ApproveAsync(id, Approver, Ct);
        await _store.SendAsync(id, null, Publisher, Ct);
        var first = await _outbox.ClaimAsync("node-a", 100, TimeSpan.FromSeconds(60), Ct);
        var second = await _outbox.ClaimAsync("node-b", 100, TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(4, first.Rows.Count);
        Assert.Empty(second.Rows);
        Assert.True(await _outbox.MarkSentAsync(first.Rows[0].Id, Ct));
        _time.Advance(TimeSpan.FromSeconds(61));
        var takeover = await _outbox.ClaimAsync("node-b", 100, TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(first.Rows.Skip(1).Select(r => r.Id), takeover.Rows.Select(r => r.Id));
        Assert.False(await _outbox.MarkSentAsync(first.Rows[0].Id, Ct));
        foreach (var r in takeover.Rows) await _outbox.MarkSentAsync(r.Id, Ct);
        Assert.Equal([id], await _outbox.CompleteAsync(Ct));
        Assert.Equal(AdvisoryState.Sent, (await _store.FindAsync(id, Ct))!.State);
    }

    [Fact]
    public async Task A_retried_row_waits_for_its_backoff_and_a_failed_row_is_counted_with_the_reply()
    {
        var id = await CreateAsync(new RecipientSpec(false, [], ["352012"]));
        await _store.ApproveAsync(id, Approver, Ct);
        await _store.SendAsync(id, null, Publisher, Ct);
        var claim = await _outbox.ClaimAsync("n", 10, TimeSpan.FromSeconds(60), Ct);
        await _outbox.RetryLaterAsync(claim.Rows[0].Id, claim.Token, 1, _time.GetUtcNow().AddSeconds(30), "451 4.7.1 try later", Ct);
        await _outbox.FailAsync(claim.Rows[1].Id, 1, "550 5.1.1 no such user", Ct);
        Assert.Empty((await _outbox.ClaimAsync("n", 10, TimeSpan.FromSeconds(60), Ct)).Rows);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single((await _outbox.ClaimAsync("n", 10, TimeSpan.FromSeconds(60), Ct)).Rows);
        var report = (await _store.DeliveriesAsync(id, Ct))!;
        Assert.Equal(new DeliveryCounts(2, 0, 1, 1, 0), report.Counts);
        Assert.Equal("550 5.1.1 no such user", Assert.Single(report.Failures).Error);
    }

    [Fact]
    public async Task A_correction_must_name_a_sent_advisory_and_goes_to_its_recipients()
    {
        var missing = await _store.CreateAsync(Draft(AdvisoryKind.Correction), null, Publisher, Ct);
        Assert.Contains(missing.Errors, e => e.Field == "supersedes");
        var id = await CreateAsync(new RecipientSpec(false, ["35"], []));
        var notSent = await _store.CreateAsync(Draft(AdvisoryKind.Correction, id), null, Publisher, Ct);
        Assert.Contains("has not been sent", Assert.Single(notSent.Errors).Message, StringComparison.Ordinal);
        await _store.ApproveAsync(id, Approver, Ct);
        await _store.SendAsync(id, null, Publisher, Ct);
        var correction = await _store.CreateAsync(Draft(AdvisoryKind.Correction, id), null, Publisher, Ct);
        Assert.Empty(correction.Errors);
        Assert.Equal(["35"], (await _store.FindAsync(correction.Id!.Value, Ct))!.Recipients.Prefectures);
    }

    [Fact]
    public async Task A_red_advisory_to_a_prefecture_and_an_unknown_code_are_refused()
    {
        var red = await _store.CreateAsync(Draft(tlp: TrafficLightProtocol.Red), new RecipientSpec(false, ["35"], []), Publisher, Ct);
        Assert.Equal("tlp", Assert.Single(red.Errors).Field);
        var unknown = await _store.CreateAsync(Draft(), new RecipientSpec(false, [], ["352013"]), Publisher, Ct);
        Assert.Contains("352013", Assert.Single(unknown.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acknowledgement_is_recorded_once()
    {
        var id = await CreateAsync(new RecipientSpec(false, [], ["131016"]));
        await _store.ApproveAsync(id, Approver, Ct);
        await _store.SendAsync(id, null, Publisher, Ct);
        Assert.Equal(AcknowledgementOutcome.Acknowledged, await _store.AcknowledgeAsync(id, "CISO@city.chiyoda.example.jp", "192.0.2.1", Ct));
        Assert.Equal(AcknowledgementOutcome.AlreadyAcknowledged, await _store.AcknowledgeAsync(id, "ciso@city.chiyoda.example.jp", "192.0.2.1", Ct));
        Assert.Equal(AcknowledgementOutcome.NotFound, await _store.AcknowledgeAsync(id, "someone@else.example.jp", "192.0.2.1", Ct));
        Assert.Equal(1, (await _store.DeliveriesAsync(id, Ct))!.Counts.Acknowledged);
        var record = Assert.Single(await _audit.QueryAsync(new AuditQuery(Action: "advisory.acknowledge"), Ct));
        Assert.Equal(("body:131016", "192.0.2.1"), (record.Actor, record.Source));
    }

    [Fact]
    public async Task A_resend_queues_only_the_failed_recipients_again_with_their_Message_ID_and_is_audited()
    {
        var id = await CreateAsync(new RecipientSpec(false, [], ["352012", "131016"]));
        Assert.Equal(ResendOutcome.NotSent, (await _store.ResendFailedAsync(id, Publisher, Ct)).Outcome);
        await _store.ApproveAsync(id, Approver, Ct);
        await _store.SendAsync(id, null, Publisher, Ct);
        var claim = await _outbox.ClaimAsync("n", 10, TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(3, claim.Rows.Count);
        var refused = claim.Rows.Single(r => r.Address == "ciso@city.shimonoseki.example.jp");
        foreach (var r in claim.Rows.Where(r => r != refused)) await _outbox.MarkSentAsync(r.Id, Ct);
        await _outbox.FailAsync(refused.Id, 3, "550 5.1.1 no such user", Ct);
        Assert.Equal([id], await _outbox.CompleteAsync(Ct));
        Assert.Equal(new DeliveryCounts(3, 2, 1, 0, 0), (await _store.DeliveriesAsync(id, Ct))!.Counts);

        var reported = new List<long>();
        _progress.Changed += reported.Add;
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new ResendResult(ResendOutcome.Requeued, 1), await _store.ResendFailedAsync(id, Publisher, Ct));
        Assert.Equal([id], reported);
        Assert.Equal(AdvisoryState.Sending, (await _store.FindAsync(id, Ct))!.State);
        var report = (await _store.DeliveriesAsync(id, Ct))!;
        Assert.Equal(new DeliveryCounts(3, 2, 0, 1, 0), report.Counts);
        Assert.Empty(report.Failures);

        // Only the failed row comes back, due now, its tries counted afresh and under the same Message-ID.
        var again = Assert.Single((await _outbox.ClaimAsync("n", 10, TimeSpan.FromSeconds(60), Ct)).Rows);
        Assert.Equal((refused.Id, refused.MessageId, 0), (again.Id, again.MessageId, again.Attempts));
        Assert.Equal(MessageIds.For(id, "ciso@city.shimonoseki.example.jp"), again.MessageId);
        Assert.Equal(ResendOutcome.NoFailures, (await _store.ResendFailedAsync(id, Publisher, Ct)).Outcome);
        await _outbox.MarkSentAsync(again.Id, Ct);
        Assert.Equal([id], await _outbox.CompleteAsync(Ct));

        var resend = Assert.Single(await _audit.QueryAsync(new AuditQuery(Action: "advisory.resend"), Ct));
        Assert.Equal("pub1", resend.Actor);
        Assert.Contains("ciso@city.shimonoseki.example.jp", resend.Before, StringComparison.Ordinal);
        Assert.Equal(ResendOutcome.NotFound, (await _store.ResendFailedAsync(id + 100, Publisher, Ct)).Outcome);
    }

    [Fact]
    public async Task A_retraction_without_recipients_reaches_the_same_addresses_as_the_original()
    {
        var id = await CreateAsync(new RecipientSpec(false, ["01"], ["352012"]));
        await _store.ApproveAsync(id, Approver, Ct);
        await _store.SendAsync(id, null, Publisher, Ct);
        var retraction = await _store.CreateAsync(Draft(AdvisoryKind.Retraction, id), null, Publisher, Ct);
        Assert.Empty(retraction.Errors);
        var stored = (await _store.FindAsync(retraction.Id!.Value, Ct))!;
        Assert.Equal((AdvisoryKind.Retraction, (long?)id), (stored.Draft.Kind, stored.Draft.Supersedes));
        await _store.ApproveAsync(stored.Id, Approver, Ct);
        await _store.SendAsync(stored.Id, null, Publisher, Ct);
        var rows = (await _outbox.ClaimAsync("n", 100, TimeSpan.FromSeconds(60), Ct)).Rows;
        string[] Addresses(long advisory) => rows.Where(r => r.AdvisoryId == advisory).Select(r => r.Address).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["ciso@city.shimonoseki.example.jp", "joho@city.sapporo.example.jp", "joho@city.shimonoseki.example.jp"], Addresses(id));
        Assert.Equal(Addresses(id), Addresses(stored.Id));
    }
}
