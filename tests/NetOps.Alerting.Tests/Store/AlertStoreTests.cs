using NetOps.Alerting.Engine;
using NetOps.Alerting.Store;
using NetOps.Core.Audit;

namespace NetOps.Alerting.Tests.Store;

/// <summary>Silences through <see cref="AlertStore"/> on a real SQLite state DB (the migration's columns).</summary>
public sealed class AlertStoreTests : IAsyncLifetime
{
    private static readonly AuditActor Operator = new("op1", "127.0.0.1");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Nine = TimeSpan.FromHours(9);
    private StoreTestDb _db = null!;
    private AlertStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await StoreTestDb.CreateAsync(Ct);
        _store = new AlertStore(_db.Factory, _db.Audit, new EngineSignal(), _db.Time);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_weekly_window_is_stored_returned_active_only_in_its_occurrences_and_kept_when_finished()
    {
        // Saturday 2026-11-07 12:00 UTC (21:00 JST); the window is Saturdays 22:00 JST for 4 hours, the last on 2026-11-14.
        var (created, error) = await _store.CreateSilenceAsync([new SilenceMatcher("site", "130001")], _db.Time.GetUtcNow(), null, "県ノード定期保守", true, Operator, Ct,
            new SilenceRecurrence(["saturday"], "22:00", 240, "Asia/Tokyo", "2026-11-14"));
        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 11, 15, 2, 0, 0, Nine), created!.EndsAt);
        Assert.Equal(TimeSpan.Zero, created.EndsAt.Offset);

        async Task<SilenceView> Now() => (await _store.SilencesAsync(true, Ct)).Single(s => s.Id == created.Id);
        Assert.Equal("pending", (await Now()).Status);
        _db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 7, 23, 30, 0, Nine));
        var active = await Now();
        Assert.Equal("active", active.Status);
        Assert.Equal(["saturday"], active.Recurrence!.Days);
        Assert.Equal(("22:00", 240, "Asia/Tokyo", "2026-11-14"), (active.Recurrence.Start, active.Recurrence.DurationMinutes, active.Recurrence.TimeZone, active.Recurrence.Until));
        _db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 10, 23, 30, 0, Nine));
        Assert.Equal("pending", (await Now()).Status);
        _db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 21, 23, 30, 0, Nine));
        Assert.Equal("expired", (await Now()).Status);

        var audit = Assert.Single(await _db.AuditAsync("silence.create", Ct));
        Assert.Contains("\"durationMinutes\":240", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weekly_window_without_an_end_or_last_day_is_refused()
    {
        var (created, error) = await _store.CreateSilenceAsync([new SilenceMatcher("site", "130001")], _db.Time.GetUtcNow(), null, "保守", true, Operator, Ct,
            new SilenceRecurrence(["saturday"], "22:00", 240));
        Assert.Null(created);
        Assert.Equal("endsAt or recurrence.until is required", error);
    }

    [Fact]
    public async Task One_sites_alerts_are_its_own_however_many_other_sites_updated_theirs_since()
    {
        // the site page asked for the latest alerts of all sites and kept its own: a busy day elsewhere hid a firing one
        var t = _db.Time.GetUtcNow();
        await using (var db = _db.Factory.CreateDbContext())
        {
            db.Alerts.Add(new() { Fingerprint = "nagano", Site = "202011", Kind = "degraded", StartsAt = t, LastSeenAt = t, UpdatedAt = t });
            for (int i = 0; i < 30; i++)
                db.Alerts.Add(new() { Fingerprint = $"other{i:00}", Site = "131016", Kind = "port_scan", StartsAt = t, LastSeenAt = t, UpdatedAt = t.AddMinutes(1 + i) });
            await db.SaveChangesAsync(Ct);
        }

        var mine = await _store.ListAsync("all", 10, Ct, site: "202011");

        Assert.Equal(["nagano"], mine.Select(a => a.Fingerprint));
        Assert.DoesNotContain(await _store.ListAsync("all", 10, Ct), a => a.Site == "202011");
    }

    [Fact]
    public async Task One_sites_incidents_are_its_own_however_many_newer_ones_other_sites_have()
    {
        var incidents = new IncidentStore(_db.Factory, _db.Audit, _db.Time);
        var mine = await incidents.OpenAsync("長野市 主回線断", ["202011", "200000"], null, Operator, Ct);
        Assert.True(mine.Found, mine.Error);
        for (int i = 0; i < 5; i++)
        {
            _db.Time.Advance(TimeSpan.FromMinutes(1));
            await incidents.OpenAsync($"港区 {i}", ["131032"], null, Operator, Ct);
        }
        // "2020110" would not be 202011's: the code is matched whole, as the JSON string it is
        await incidents.OpenAsync("別の拠点", ["2020110"], null, Operator, Ct);

        var found = await incidents.ListAsync(site: "202011", cancellationToken: Ct);

        Assert.Equal([mine.Id], found.Select(i => i.Id));
        Assert.Equal(7, (await incidents.ListAsync(cancellationToken: Ct)).Count);
    }
}
