using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;
using NetOps.Ceptoar.Reminders;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Ceptoar.Tests.Reminders;

/// <summary>Reminders queued as outbox rows on a real SQLite state DB: once per round and recipient, through the sender's claims.</summary>
public sealed class ReminderStoreTests : IAsyncLifetime
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("netops-reminders-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private StateDbContextFactory _factory = null!;
    private AuditLog _audit = null!;
    private AdvisoryStore _store = null!;
    private OutboxStore _outbox = null!;
    private ReminderStore _reminders = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public async ValueTask InitializeAsync()
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "netops.db"), Pooling = false, DefaultTimeout = 30 }.ToString();
        _factory = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite, cs));
        await using (var db = _factory.CreateDbContext()) await StateDbInitializer.MigrateAsync(db, NullLogger.Instance, default);
        _audit = new AuditLog(_factory, _time, NullLogger<AuditLog>.Instance);
        _store = new AdvisoryStore(_factory, _audit, BodyDirectory.Shipped, new DeliverySignal(), _time);
        _outbox = new OutboxStore(_factory, _time);
        _reminders = new ReminderStore(_factory, _audit, _time, Options.Create(new ReminderOptions { AfterHours = 24, Max = 2 }));
        await new ContactStore(_factory, _audit, _time).ImportAsync(new ContactImport([
            new("352012", "ciso@city.shimonoseki.example.jp", "CISO", ContactCharsets.Iso2022Jp), new("352012", "joho@city.shimonoseki.example.jp", "情報政策課"),
        ], []), new AuditActor("pub1", null), "test", Ct);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private async Task<long> SentAsync()
    {
        var draft = new AdvisoryDraft("VPN 装置の脆弱性", "本文", AdvisorySeverity.Urgent, TrafficLightProtocol.Amber, "NISC", [], [], []);
        var id = (await _store.CreateAsync(draft, new RecipientSpec(false, [], ["352012"]), new AuditActor("pub1", null), Ct)).Id!.Value;
        await _store.ApproveAsync(id, new AuditActor("appr1", null), Ct);
        await _store.SendAsync(id, null, new AuditActor("pub1", null), Ct);
        await SendAllAsync();
        Assert.Equal([id], await _outbox.CompleteAsync(Ct));
        return id;
    }

    private async Task<IReadOnlyList<ClaimedRow>> SendAllAsync()
    {
        var claim = await _outbox.ClaimAsync("test", 100, TimeSpan.FromMinutes(1), Ct);
        foreach (var row in claim.Rows) await _outbox.MarkSentAsync(row.Id, Ct);
        return claim.Rows;
    }

    [Fact]
    public async Task Each_round_is_queued_once_per_unacknowledged_recipient_with_its_charset_and_own_Message_ID_up_to_Max()
    {
        var id = await SentAsync();
        Assert.Equal(0, await _reminders.QueueDueAsync(Window, Ct));
        _time.Advance(TimeSpan.FromHours(12));
        Assert.Equal(AcknowledgementOutcome.Acknowledged, await _store.AcknowledgeAsync(id, "joho@city.shimonoseki.example.jp", "127.0.0.1", Ct));
        _time.Advance(TimeSpan.FromHours(12));

        Assert.Equal(1, await _reminders.QueueDueAsync(Window, Ct));
        Assert.Equal(0, await _reminders.QueueDueAsync(Window, Ct)); // the same round again (another node, a restart): nothing
        var first = Assert.Single(await SendAllAsync());
        Assert.Equal(("ciso@city.shimonoseki.example.jp", 1, ContactCharsets.Iso2022Jp, MessageIds.For(id, "ciso@city.shimonoseki.example.jp", 1)),
            (first.Address, first.Round, first.Charset, first.MessageId));

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await _reminders.QueueDueAsync(Window, Ct)); // counted from the reminder, not from the advisory
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await _reminders.QueueDueAsync(Window, Ct));
        Assert.Equal(2, Assert.Single(await SendAllAsync()).Round);
        _time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await _reminders.QueueDueAsync(Window, Ct)); // Max = 2

        // The delivery counts are the advisory's recipients; an acknowledgement through a reminder's link lands on the advisory's row.
        Assert.Equal(new DeliveryCounts(2, 2, 0, 0, 1), (await _store.DeliveriesAsync(id, Ct))!.Counts);
        Assert.Equal(AcknowledgementOutcome.Acknowledged, await _store.AcknowledgeAsync(id, "ciso@city.shimonoseki.example.jp", "127.0.0.1", Ct));
        Assert.Equal(2, (await _store.DeliveriesAsync(id, Ct))!.Counts.Acknowledged);
        var audited = await _audit.QueryAsync(new AuditQuery(Action: "advisory.remind", Ascending: true), Ct);
        Assert.Equal(["system", "system"], audited.Select(r => r.Actor));
    }

    [Fact]
    public void A_reminder_says_so_in_its_subject_and_body_and_carries_the_round()
    {
        var draft = new AdvisoryDraft("VPN 装置の脆弱性", "本文", AdvisorySeverity.Urgent, TrafficLightProtocol.Amber, "NISC", [], [], []);
        var to = new AdvisoryMail.Recipient("a@city.example.jp", "352012", "下関市", MessageIds.For(7, "a@city.example.jp", 1), "https://x.example.jp/ack/advisory/T",
            DateTimeOffset.UnixEpoch, ContactCharsets.Iso2022Jp, 1);
        var message = AdvisoryMail.Build(7, draft, to, new MailboxAddress("", "c@netops.example.lg.jp"), DateTimeOffset.UnixEpoch);
        Assert.Equal("【再送・確認のお願い】[CEPTOAR][緊急] VPN 装置の脆弱性", message.Subject);
        Assert.Equal("1", message.Headers["X-CEPTOAR-Reminder"]);
        Assert.Contains("第7号の受領確認がまだ届いていない", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://x.example.jp/ack/advisory/T", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("iso-2022-jp", message.Body!.ContentType.Charset);
    }
}
