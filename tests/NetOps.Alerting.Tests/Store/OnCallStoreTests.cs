using Microsoft.Extensions.Options;
using NetOps.Alerting.OnCall;
using NetOps.Alerting.Store;
using NetOps.Core.Audit;

namespace NetOps.Alerting.Tests.Store;

/// <summary>The on-call editor's path (<see cref="OnCallStore.PutJsonAsync"/>) on a real SQLite state DB.</summary>
public sealed class OnCallStoreTests : IAsyncLifetime
{
    private static readonly AuditActor Operator = new("op1", "dashboard");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private StoreTestDb _db = null!;
    private OnCallStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await StoreTestDb.CreateAsync(Ct);
        var seed = new AlertingOptions();
        seed.OnCall.Schedules["noc"] = new OnCallOptions.ScheduleOptions { Rotation = new() { Users = ["sato"] } };
        seed.OnCall.Policies["lines"] = new OnCallOptions.PolicyOptions { Steps = [new() { Notify = new() { Schedule = "noc" }, WaitMinutes = 10 }] };
        _store = new OnCallStore(_db.Factory, Options.Create(seed), _db.Audit, _db.Time);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_schedule_edited_as_json_with_holidays_is_stored_audited_and_round_trips()
    {
        var json = OnCallStore.DocumentJson(await _store.EffectiveAsync(Ct), "schedule", "noc")
            .Replace("\"holidays\": []", "\"holidays\": [\"2026-11-23\"]", StringComparison.Ordinal)
            .Replace("\"holidayUsers\": []", "\"holidayUsers\": [\"kyujitsu1\"]", StringComparison.Ordinal);
        var result = await _store.PutJsonAsync("schedule", "noc", json, Operator, Ct);
        Assert.True(result.Saved, string.Join("; ", result.Errors));

        var effective = await _store.EffectiveAsync(Ct);
        Assert.Equal(["2026-11-23"], effective.Schedules["noc"].Holidays);
        Assert.Contains("\"holidayUsers\": [\n    \"kyujitsu1\"\n  ]", OnCallStore.DocumentJson(effective, "schedule", "noc").ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var (setup, _) = effective.Compile(TimeZones.Find);
        Assert.Equal("kyujitsu1", setup!.Schedules["noc"].OnCallAt(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(9))));
        var audit = Assert.Single(await _db.AuditAsync("oncall.schedule.put", Ct));
        Assert.Equal(("op1", "dashboard", "oncall:schedule:noc"), (audit.Actor, audit.Source, audit.Target));
        Assert.Contains("kyujitsu1", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_that_cannot_work_is_refused_with_its_keys_and_nothing_is_stored()
    {
        var result = await _store.PutJsonAsync("schedule", "noc", """{ "timeZone": "Mars/Olympus", "rotation": { "users": ["sato"] } }""", Operator, Ct);
        Assert.False(result.Saved);
        Assert.Null(result.JsonLine);
        Assert.Contains(result.Errors, e => e.StartsWith("Alerting:OnCall:Schedules:noc:TimeZone", StringComparison.Ordinal));
        // A policy may not name a schedule that does not exist: the whole setup is checked, as the PUT API does.
        var policy = await _store.PutJsonAsync("policy", "lines", """{ "steps": [ { "notify": { "schedule": "nobody" }, "waitMinutes": 5 } ] }""", Operator, Ct);
        Assert.Contains(policy.Errors, e => e.StartsWith("Alerting:OnCall:Policies:lines:Steps:0:Notify:Schedule", StringComparison.Ordinal));
        Assert.Empty(await _db.AuditAsync("oncall.schedule.put", Ct));
        Assert.Empty(await _db.AuditAsync("oncall.policy.put", Ct));
    }

    [Fact]
    public async Task Text_that_is_not_json_is_refused_saying_where_it_breaks()
    {
        var result = await _store.PutJsonAsync("routes", "", "[\n  { \"policy\": \"lines\", }\n  oops", Operator, Ct);
        Assert.False(result.Saved);
        Assert.Equal(2, result.JsonLine);
        Assert.Empty(await _db.AuditAsync("oncall.routes.put", Ct));
    }
}
