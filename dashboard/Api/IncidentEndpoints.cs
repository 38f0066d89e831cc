using Microsoft.AspNetCore.Mvc;
using NetOps.Alerting.Incidents;
using NetOps.Alerting.Store;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary>Incidents: open (from an alert or by hand), notes, cause, close with a root cause, reopen; each change audited.</summary>
public static class IncidentEndpoints
{
    public sealed record OpenBody(long? AlertId, string? Title, List<string>? Sites);
    public sealed record TextBody(string? Text);
    public sealed record CauseBody(string? Category, string? Device, string? Leak);
    public sealed record CloseBody(string? RootCause);
    public sealed record ReopenBody(string? Reason);

    public sealed record IncidentDto(long Id, string Title, string State, DateTimeOffset OpenedAt, string OpenedBy, string? Group, IReadOnlyList<string> Sites,
        string? Cause, string? CauseDevice, string? CauseLeak, string? RootCause, DateTimeOffset? ClosedAt, IReadOnlyList<IncidentLine> Timeline);

    public static void MapIncidents(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents");
        incidents.MapGet("", async (DateTimeOffset? from, DateTimeOffset? to, IncidentStore store, CancellationToken ct) =>
                Results.Ok((await store.ListAsync(from, to, ct)).Select(Dto)))
            .WithSummary("Incidents, newest first (from, to: when opened)").RequireAuthorization(NetOpsPolicies.SignedIn);
        incidents.MapGet("/{id:long}", async (long id, IncidentStore store, CancellationToken ct) =>
                await store.FindAsync(id, ct) is { } i ? Results.Ok(Dto(i)) : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no incident {id}"))
            .WithSummary("One incident with its whole timeline (its events, its alerts' changes, the pages sent)").RequireAuthorization(NetOpsPolicies.SignedIn);
        incidents.MapPost("", async ([FromBody] OpenBody body, HttpContext context, IncidentStore store) =>
            {
                var actor = HttpAuditActor.ForRequest(context);
                var r = body.AlertId is { } alert
                    ? await store.OpenFromAlertAsync(alert, body.Title, actor, context.RequestAborted)
                    : await store.OpenAsync(body.Title ?? "", body.Sites ?? [], null, actor, context.RequestAborted);
                return r.Done ? Results.Created($"/api/v1/incidents/{r.Id}", Dto((await store.FindAsync(r.Id, context.RequestAborted))!)) : ApiEndpoints.Unprocessable(r.Error ?? "refused");
            })
            .WithSummary("Open an incident: from an alert (alertId: its group and sites) or by hand (title, sites)").RequireAuthorization(NetOpsPolicies.ActOnAlerts);
        incidents.MapPost("/{id:long}/notes", async (long id, [FromBody] TextBody body, HttpContext context, IncidentStore store) =>
                Result(await store.AddNoteAsync(id, body.Text ?? "", HttpAuditActor.ForRequest(context), context.RequestAborted), id))
            .WithSummary("Add a note to the timeline").RequireAuthorization(NetOpsPolicies.ActOnAlerts);
        incidents.MapPut("/{id:long}/cause", async (long id, [FromBody] CauseBody body, HttpContext context, IncidentStore store) =>
            {
                if (!TryCause(body, out var cause, out var error)) return ApiEndpoints.Unprocessable(error!);
                return Result(await store.SetCauseAsync(id, cause!, HttpAuditActor.ForRequest(context), context.RequestAborted), id);
            })
            .WithSummary("Set the cause: category (LineFailure, EquipmentFailure, LightningOrPower, UnauthorizedAccess, InformationLeak, Misdelivery, Other), device (Router, Switch, Firewall, Server, Other), leak (LossOrTheft, MistakenDisclosure, UnauthorizedTakeout, Other)")
            .RequireAuthorization(NetOpsPolicies.ActOnAlerts);
        incidents.MapPost("/{id:long}/close", async (long id, [FromBody] CloseBody body, HttpContext context, IncidentStore store) =>
                Result(await store.CloseAsync(id, body.RootCause ?? "", HttpAuditActor.ForRequest(context), context.RequestAborted), id))
            .WithSummary("Close with a root cause (the cause must be set)").RequireAuthorization(NetOpsPolicies.ActOnAlerts);
        incidents.MapPost("/{id:long}/reopen", async (long id, [FromBody] ReopenBody body, HttpContext context, IncidentStore store) =>
                Result(await store.ReopenAsync(id, body.Reason ?? "", HttpAuditActor.ForRequest(context), context.RequestAborted), id))
            .WithSummary("Reopen with a reason").RequireAuthorization(NetOpsPolicies.ActOnAlerts);
    }

    public static bool TryCause(CauseBody body, out IncidentCause? cause, out string? error)
    {
        cause = null;
        error = null;
        if (!Enum.TryParse<CauseCategory>(body.Category, ignoreCase: true, out var category) || !Enum.IsDefined(category))
        { error = $"category: '{body.Category}' is not one of {string.Join(", ", Enum.GetNames<CauseCategory>())}"; return false; }
        DeviceType? device = null;
        if (!string.IsNullOrEmpty(body.Device))
        {
            if (!Enum.TryParse<DeviceType>(body.Device, true, out var d) || !Enum.IsDefined(d)) { error = $"device: '{body.Device}' is not one of {string.Join(", ", Enum.GetNames<DeviceType>())}"; return false; }
            device = d;
        }
        LeakKind? leak = null;
        if (!string.IsNullOrEmpty(body.Leak))
        {
            if (!Enum.TryParse<LeakKind>(body.Leak, true, out var l) || !Enum.IsDefined(l)) { error = $"leak: '{body.Leak}' is not one of {string.Join(", ", Enum.GetNames<LeakKind>())}"; return false; }
            leak = l;
        }
        cause = new IncidentCause(category, device, leak);
        error = cause.Validate();
        return error is null;
    }

    private static IResult Result(IncidentResult r, long id) => !r.Found
        ? Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no incident {id}")
        : r.Error is { } e ? ApiEndpoints.Unprocessable(e) : Results.NoContent();

    public static IncidentDto Dto(IncidentView i) => new(i.Id, i.Title, i.State, i.OpenedAt, i.OpenedBy, i.GroupKey, i.Sites, i.Cause?.Category.ToString(),
        i.Cause?.Device?.ToString(), i.Cause?.Leak?.ToString(), i.RootCause, i.ClosedAt, i.Timeline);
}
