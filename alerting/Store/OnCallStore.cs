using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetOps.Alerting.OnCall;
using NetOps.Core.Alerting.Storage;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Alerting.Store;

/// <summary>Who is on call now and who next, for the screen.</summary>
public sealed record OnCallNow(string Schedule, string TimeZone, string Current, string? Next, DateTimeOffset? NextFrom, IReadOnlyList<ScheduleOverride> Overrides);

/// <summary>What a JSON document put through the screen came to: saved (no errors), not JSON (where it breaks), or refused with every key that cannot work.</summary>
public sealed record OnCallPutResult(IReadOnlyList<string> Errors, long? JsonLine = null, long? JsonPosition = null)
{
    public bool Saved => Errors.Count == 0 && JsonLine is null;
}

/// <summary>
/// The on-call setup as people edit it (DESIGN.md <c>PUT /api/v1/oncall/schedules/{name}</c>, <c>…/policies/{name}</c>,
/// <c>…/routes</c>): <c>Alerting:OnCall</c> seeds it, and what was put through the UI or the API (table
/// <c>oncall_documents</c>) overrides the seed by name (the route list as a whole). Every change is checked by
/// compiling the whole setup, so a schedule that a policy names cannot be broken, and is audited.
/// </summary>
public sealed class OnCallStore(IDbContextFactory<NetOpsDbContext> contexts, IOptions<AlertingOptions> options, AuditLog audit, TimeProvider time)
{
    private const string Schedule = "schedule", Policy = "policy", Routes = "routes";
    // The PUT API's minimal-API binding reads with the web defaults too, so the editor and the API accept the same documents.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Raised after a change (in this process); the engine and the screen reload.</summary>
    public event Action? Changed;

    /// <summary>The configuration's seed with the stored documents laid over it.</summary>
    public async Task<OnCallOptions> EffectiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var docs = await db.OnCallDocuments.AsNoTracking().ToListAsync(cancellationToken);
        return Overlay(Copy(options.Value.OnCall), docs);
    }

    /// <summary>A stamp that changes whenever a document does (nodes compare it to reload).</summary>
    public async Task<(int Count, DateTimeOffset? Latest)> StampAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.OnCallDocuments.AsNoTracking().Select(d => d.UpdatedAt).ToListAsync(cancellationToken);
        return (rows.Count, rows.Count == 0 ? null : rows.Max());
    }

    public async Task<(OnCallSetup? Setup, IReadOnlyList<string> Errors)> CompileAsync(CancellationToken cancellationToken = default) =>
        (await EffectiveAsync(cancellationToken)).Compile(TimeZones.Find);

    public Task<IReadOnlyList<string>> PutScheduleAsync(string name, OnCallOptions.ScheduleOptions schedule, AuditActor actor, CancellationToken cancellationToken = default) =>
        PutAsync(Schedule, name, o => o.Schedules[name] = schedule, schedule, actor, cancellationToken);

    public Task<IReadOnlyList<string>> PutPolicyAsync(string name, OnCallOptions.PolicyOptions policy, AuditActor actor, CancellationToken cancellationToken = default) =>
        PutAsync(Policy, name, o => o.Policies[name] = policy, policy, actor, cancellationToken);

    public Task<IReadOnlyList<string>> PutRoutesAsync(List<OnCallOptions.RouteOptions> routes, AuditActor actor, CancellationToken cancellationToken = default) =>
        PutAsync(Routes, "", o => o.Routes = routes, routes, actor, cancellationToken);

    /// <summary>The kinds of document (<c>schedule</c>, <c>policy</c>, <c>routes</c>) people edit.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Schedule, Policy, Routes];

    /// <summary>The current document of <paramref name="kind"/> and <paramref name="name"/> as indented JSON in the API's shape; a blank one for a new name.</summary>
    public static string DocumentJson(OnCallOptions effective, string kind, string name)
    {
        object value = kind switch
        {
            Schedule => effective.Schedules.GetValueOrDefault(name) ?? new OnCallOptions.ScheduleOptions(),
            Policy => effective.Policies.GetValueOrDefault(name) ?? new OnCallOptions.PolicyOptions(),
            Routes => effective.Routes,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an on-call document kind"),
        };
        return JsonSerializer.Serialize(value, value.GetType(), Indented);
    }

    /// <summary>
    /// A document as JSON text (the screen's editor): read as the PUT API reads its body, then checked, stored and audited
    /// by the same <see cref="PutScheduleAsync"/>, <see cref="PutPolicyAsync"/> or <see cref="PutRoutesAsync"/>.
    /// </summary>
    public async Task<OnCallPutResult> PutJsonAsync(string kind, string name, string json, AuditActor actor, CancellationToken cancellationToken = default)
    {
        try
        {
            IReadOnlyList<string> errors = kind switch
            {
                Schedule => JsonSerializer.Deserialize<OnCallOptions.ScheduleOptions>(json, Json) is { } s
                    ? await PutScheduleAsync(name, s, actor, cancellationToken) : ["the document is empty (null)"],
                Policy => JsonSerializer.Deserialize<OnCallOptions.PolicyOptions>(json, Json) is { } p
                    ? await PutPolicyAsync(name, p, actor, cancellationToken) : ["the document is empty (null)"],
                Routes => JsonSerializer.Deserialize<List<OnCallOptions.RouteOptions>>(json, Json) is { } r
                    ? await PutRoutesAsync(r, actor, cancellationToken) : ["the document is empty (null)"],
                _ => [$"kind: '{kind}' is not one of {string.Join(", ", Kinds)}"],
            };
            return new OnCallPutResult(errors);
        }
        catch (JsonException e)
        {
            // Where the text breaks, for the person to fix; nothing was stored.
            return new OnCallPutResult([e.Message], (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
        }
    }

    private async Task<IReadOnlyList<string>> PutAsync(string kind, string name, Action<OnCallOptions> change, object value, AuditActor actor, CancellationToken cancellationToken)
    {
        if (kind != Routes && (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl)))
            return ["name: 1 to 100 characters, no control characters"];
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var docs = await db.OnCallDocuments.ToListAsync(cancellationToken);
            var candidate = Overlay(Copy(options.Value.OnCall), docs);
            change(candidate);
            var (_, errors) = candidate.Compile(TimeZones.Find);
            if (errors.Count > 0) return errors;
            var json = JsonSerializer.Serialize(value, value.GetType(), Json);
            var row = docs.SingleOrDefault(d => d.Kind == kind && d.Name == name);
            var before = row?.Json;
            if (row is null) db.OnCallDocuments.Add(row = new OnCallDocumentRecord { Kind = kind, Name = name });
            row.Json = json;
            row.UpdatedBy = actor.Name;
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, $"oncall.{kind}.put", kind == Routes ? "oncall:routes" : $"oncall:{kind}:{name}",
                before is null ? null : JsonDocument.Parse(before).RootElement, JsonDocument.Parse(json).RootElement), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        Changed?.Invoke();
        return [];
    }

    /// <summary>Who is on call now in each schedule, who takes over next and when (looked up hour by hour for 60 days).</summary>
    public static IReadOnlyList<OnCallNow> Now(OnCallSetup setup, DateTimeOffset now) => setup.Schedules.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s =>
    {
        var current = s.OnCallAt(now);
        string? next = null;
        DateTimeOffset? from = null;
        var t = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset);
        for (var i = 1; i <= 24 * 60 && next is null; i++)
        {
            var at = t.AddHours(i);
            var who = s.OnCallAt(at);
            if (who != current) { next = who; from = FirstChange(s, at.AddHours(-1), at, current); }
        }
        return new OnCallNow(s.Name, s.TimeZone.Id, current, next, from, s.Overrides.Where(o => o.To > now).ToList());
    }).ToList();

    /// <summary>The minute within (lo, hi] at which the person on call stops being <paramref name="current"/>.</summary>
    private static DateTimeOffset FirstChange(OnCallSchedule s, DateTimeOffset lo, DateTimeOffset hi, string current)
    {
        for (var m = lo.AddMinutes(1); m <= hi; m = m.AddMinutes(1))
            if (s.OnCallAt(m) != current) return m;
        return hi;
    }

    private static OnCallOptions Overlay(OnCallOptions seed, IEnumerable<OnCallDocumentRecord> docs)
    {
        foreach (var d in docs)
        {
            switch (d.Kind)
            {
                case Schedule when JsonSerializer.Deserialize<OnCallOptions.ScheduleOptions>(d.Json, Json) is { } s: seed.Schedules[d.Name] = s; break;
                case Policy when JsonSerializer.Deserialize<OnCallOptions.PolicyOptions>(d.Json, Json) is { } p: seed.Policies[d.Name] = p; break;
                case Routes when JsonSerializer.Deserialize<List<OnCallOptions.RouteOptions>>(d.Json, Json) is { } r: seed.Routes = r; break;
            }
        }
        return seed;
    }

    /// <summary>A deep copy, so that laying documents over it never changes the bound options.</summary>
    private static OnCallOptions Copy(OnCallOptions o) => JsonSerializer.Deserialize<OnCallOptions>(JsonSerializer.Serialize(o, Json), Json)!;
}
