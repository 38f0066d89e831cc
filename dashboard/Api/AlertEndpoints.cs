using Microsoft.AspNetCore.Mvc;
using NetOps.Alerting.Alerts;
using NetOps.Alerting.Engine;
using NetOps.Alerting.Store;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary>
/// Alerts (DESIGN.md): <c>GET /api/v1/alerts</c>, acknowledge and resolve, silences, and Prometheus Alertmanager's
/// <c>POST /api/v2/alerts</c>. Everyone signed in reads; the NOC and on-call staff act; the NOC silences.
/// </summary>
public static class AlertEndpoints
{
    public sealed record AlertDto(long Id, string Fingerprint, string Site, string? SiteName, string Kind, string Severity, string State,
        DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string? SuppressedBy, string? SuppressedReason, string? AcknowledgedBy,
        DateTimeOffset? AcknowledgedAt, string Source, string? Group, string? LastMailError, IReadOnlyDictionary<string, string> Labels,
        IReadOnlyDictionary<string, string> Annotations);

    public sealed record SilenceBody(List<SilenceMatcher>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Comment, bool? Maintenance,
        SilenceRecurrence? Recurrence = null);

    private static readonly string[] States = ["firing", "acknowledged", "resolved", "suppressed", "active", "all"];

    public static void MapAlerts(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts");
        alerts.MapGet("", async (string? state, int? limit, AlertStore store, NetOps.Core.Inventory.IInventorySource inventory, CancellationToken ct) =>
            {
                if (!string.IsNullOrEmpty(state) && !States.Contains(state))
                    return ApiEndpoints.Unprocessable($"state: '{state}' is not one of {string.Join(", ", States)}");
                var inv = inventory.Current;
                return Results.Ok((await store.ListAsync(state, limit ?? 1000, ct)).Select(a => Dto(a, inv.FindSite(a.Site)?.Name)));
            })
            .WithSummary("Alerts (state: firing, acknowledged, resolved, suppressed; active, the default, is all but resolved; all)").RequireAuthorization(NetOpsPolicies.SignedIn);

        alerts.MapGet("/{id:long}", async (long id, AlertStore store, NetOps.Core.Inventory.IInventorySource inventory, CancellationToken ct) =>
                await store.FindAsync(id, ct) is { } a
                    ? Results.Ok(new { alert = Dto(a, inventory.Current.FindSite(a.Site)?.Name), timeline = a.Timeline, pages = await store.PagesAsync(id, ct) })
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no alert {id}"))
            .WithSummary("One alert with its timeline and the pages that told people about it").RequireAuthorization(NetOpsPolicies.SignedIn);

        alerts.MapPost("/{id:long}/ack", async (long id, bool? group, HttpContext context, AlertStore store) =>
                Outcome(await store.AcknowledgeAsync(id, HttpAuditActor.ForRequest(context), group ?? false, context.RequestAborted), id))
            .WithSummary("Acknowledge an alert (?group=true: every firing alert of its group); stops its escalation").RequireAuthorization(NetOpsPolicies.ActOnAlerts);

        alerts.MapPost("/{id:long}/resolve", async (long id, HttpContext context, AlertStore store) =>
                Outcome(await store.ResolveAsync(id, HttpAuditActor.ForRequest(context), context.RequestAborted), id))
            .WithSummary("Resolve an alert by hand").RequireAuthorization(NetOpsPolicies.ActOnAlerts);

        var silences = api.MapGroup("/silences");
        silences.MapGet("", async (AlertStore store, CancellationToken ct) => Results.Ok(await store.SilencesAsync(true, ct)))
            .WithSummary("Silences and maintenance windows, expired ones included").RequireAuthorization(NetOpsPolicies.SignedIn);
        silences.MapPost("", async ([FromBody] SilenceBody body, HttpContext context, AlertStore store, TimeProvider time) =>
            {
                var starts = body.StartsAt ?? time.GetUtcNow();
                var (silence, error) = await store.CreateSilenceAsync(body.Matchers ?? [], starts, body.EndsAt, body.Comment ?? "", body.Maintenance ?? false,
                    HttpAuditActor.ForRequest(context), context.RequestAborted, body.Recurrence);
                return silence is null ? ApiEndpoints.Unprocessable(error!) : Results.Created($"/api/v1/silences/{silence.Id}", silence);
            })
            .WithSummary("Create a silence or maintenance window (matchers: name, value, isRegex, isEqual; startsAt, endsAt, comment, maintenance; recurrence: days, start, durationMinutes, timeZone, until for a weekly window)")
            .RequireAuthorization(NetOpsPolicies.Silence);
        silences.MapDelete("/{id:long}", async (long id, HttpContext context, AlertStore store) =>
                await store.ExpireSilenceAsync(id, HttpAuditActor.ForRequest(context), context.RequestAborted)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no active silence {id}"))
            .WithSummary("End a silence now (it is kept, expired)").RequireAuthorization(NetOpsPolicies.Silence);
    }

    /// <summary><c>POST /api/v2/alerts</c>: what Prometheus sends to an Alertmanager; label <c>site</c> links an alert to a site.</summary>
    public static WebApplication MapAlertmanagerApi(this WebApplication app)
    {
        app.MapPost("/api/v2/alerts", async (HttpContext context, IServiceProvider services, TimeProvider time) =>
            {
                if (services.GetService<AlertingEngine>() is not { } engine)
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "this node does not run the alerting role (--roles alerting)");
                using var buffer = new MemoryStream();
                var limit = 8 * 1024 * 1024;
                var read = new byte[81920];
                int n;
                while ((n = await context.Request.Body.ReadAsync(read, context.RequestAborted)) > 0)
                {
                    if (buffer.Length + n > limit) return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: "the body is larger than 8 MiB");
                    buffer.Write(read, 0, n);
                }
                var (posted, errors) = AlertmanagerPayload.Parse(buffer.ToArray(), time.GetUtcNow(), TimeSpan.FromMinutes(5));
                if (posted.Count > 0) await engine.RunAsync(context.RequestAborted, posted);
                if (errors.Count > 0)
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "some alerts were refused",
                        detail: string.Join("; ", errors.Take(5).Select(e => e.Index < 0 ? e.Message : $"[{e.Index}] {e.Message}")),
                        extensions: new Dictionary<string, object?> { ["accepted"] = posted.Count, ["errors"] = errors.Select(e => new { index = e.Index, message = e.Message }).ToList() });
                return Results.Ok();
            })
            .WithSummary("Alertmanager API v2: Prometheus posts its alerts here (labels, annotations, startsAt, endsAt)")
            .RequireAuthorization(NetOpsPolicies.PostAlerts);
        return app;
    }

    private static IResult Outcome(AlertActionResult result, long id) => result.Outcome switch
    {
        AlertActionOutcome.Done => Results.Ok(new { id, changed = result.Count }),
        AlertActionOutcome.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no alert {id}"),
        _ => ApiEndpoints.Conflict(result.Reason ?? "refused"),
    };

    public static AlertDto Dto(AlertView a, string? siteName) => new(a.Id, a.Fingerprint, a.Site, siteName, a.Kind, a.Severity, a.State, a.StartsAt, a.EndsAt,
        a.SuppressedBy, a.SuppressedReason, a.AcknowledgedBy, a.AcknowledgedAt, a.Source, a.GroupKey, a.LastMailError, a.Labels, a.Annotations);
}
