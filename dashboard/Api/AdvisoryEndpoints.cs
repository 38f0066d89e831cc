using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Csaf;
using NetOps.Ceptoar.Delivery;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary>
/// CEPTOAR advisories (DESIGN.md HTTP API): drafts, four-eyes approval, send now or at a time, and the delivery counts.
/// Publishers (and admins) write and send, approvers (and admins) approve other people's drafts; every change is audited.
/// </summary>
public static class AdvisoryEndpoints
{
    /// <summary>A draft as the API takes it (<c>POST /api/v1/advisories</c>).</summary>
    public sealed record DraftBody(
        string? Title, string? Body, string? Severity, string? Tlp, string? Source, string[]? References, string[]? AffectedProducts,
        string[]? RecommendedActions, string? Kind, string? TrackingId, long? Supersedes, JsonElement? Recipients);

    /// <summary><c>POST /api/v1/advisories/{id}/send</c>: now, or at <see cref="At"/>.</summary>
    public sealed record SendBody(DateTimeOffset? At);

    public static void MapAdvisories(this RouteGroupBuilder api)
    {
        var advisories = api.MapGroup("/advisories");

        advisories.MapPost("", async ([FromBody] DraftBody body, HttpContext context, AdvisoryStore store) =>
            {
                var errors = new List<AdvisoryError>();
                var draft = ToDraft(body, errors);
                RecipientSpec? recipients = null;
                if (body.Recipients is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } r)
                {
                    recipients = RecipientSpec.TryParse(r, out var error);
                    if (recipients is null) errors.Add(new("recipients", error!));
                }
                if (errors.Count > 0 || draft is null) return Invalid(errors);
                var result = await store.CreateAsync(draft, recipients, HttpAuditActor.ForRequest(context), context.RequestAborted);
                if (!result.Created) return Invalid(result.Errors);
                var created = await store.FindAsync(result.Id!.Value, context.RequestAborted);
                return Results.Created($"/api/v1/advisories/{result.Id}", View(created!));
            })
            .WithSummary("Store a draft advisory (title, body, severity, tlp, source, references, recipients: all, prefectures or codes); 201 with id")
            .RequireAuthorization(NetOpsPolicies.WriteAdvisories);

        advisories.MapPost("/import", async (string? recipients, HttpContext context, CsafImporter importer, AdvisoryStore store) =>
            {
                RecipientSpec? group = null;
                if (!string.IsNullOrWhiteSpace(recipients))
                {
                    // ?recipients=all or a comma list of prefecture and body codes: the same forms as the draft's JSON array
                    using var list = JsonDocument.Parse(JsonSerializer.Serialize(recipients.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
                    group = RecipientSpec.TryParse(list.RootElement, out var error);
                    if (group is null) return Invalid([new("recipients", error!)]);
                }
                var result = await importer.ImportAsync(context.Request.Body, context.RequestAborted);
                if (!result.IsValid)
                    return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "not a valid CSAF 2.0 document",
                        detail: string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Rule} at {(e.Path.Length == 0 ? "/" : e.Path)}: {e.Message}")),
                        extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.Select(e => new { path = e.Path, rule = e.Rule, message = e.Message }).ToList() });
                var created = await store.CreateAsync(result.Draft, group, HttpAuditActor.ForRequest(context), context.RequestAborted);
                if (!created.Created) return Invalid(created.Errors);
                return Results.Created($"/api/v1/advisories/{created.Id}", View((await store.FindAsync(created.Id!.Value, context.RequestAborted))!));
            })
            .WithSummary("Import a CSAF 2.0 document as a draft (body: the JSON; ?recipients=all or prefecture and body codes); 422 with errors (path, rule, message)")
            .RequireAuthorization(NetOpsPolicies.WriteAdvisories);

        advisories.MapGet("", async (string? state, AdvisoryStore store, CancellationToken ct) =>
            {
                AdvisoryState? filter = null;
                if (!string.IsNullOrEmpty(state))
                {
                    if (!AdvisoryNames.TryParse(state, out AdvisoryState s)) return ApiEndpoints.Unprocessable($"state: '{state}' is not one of draft, approved, scheduled, sending, sent, cancelled");
                    filter = s;
                }
                return Results.Ok((await store.ListAsync(filter, ct)).Select(View));
            })
            .WithSummary("The advisories, newest first (state filter)").RequireAuthorization(NetOpsPolicies.ReadAdvisories);

        advisories.MapGet("/{id:long}", async (long id, AdvisoryStore store, CancellationToken ct) =>
                await store.FindAsync(id, ct) is { } a ? Results.Ok(View(a)) : Results.NotFound())
            .WithSummary("One advisory with its fields and state").RequireAuthorization(NetOpsPolicies.ReadAdvisories);

        advisories.MapPost("/{id:long}/approve", async (long id, HttpContext context, AdvisoryStore store) =>
                await store.ApproveAsync(id, HttpAuditActor.ForRequest(context), context.RequestAborted) switch
                {
                    ApprovalOutcome.Approved => Results.Ok(View((await store.FindAsync(id, context.RequestAborted))!)),
                    ApprovalOutcome.NotFound => Results.NotFound(),
                    ApprovalOutcome.AuthorMayNotApprove => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "four eyes",
                        detail: "the author of an advisory may not approve it; another approver must"),
                    _ => ApiEndpoints.Conflict("only a draft can be approved"),
                })
            .WithSummary("Approve a draft (403 for its author, audited either way)").RequireAuthorization(NetOpsPolicies.ApproveAdvisories);

        advisories.MapPost("/{id:long}/send", async (long id, [FromBody] SendBody? body, HttpContext context, AdvisoryStore store) =>
            {
                var result = await store.SendAsync(id, body?.At, HttpAuditActor.ForRequest(context), context.RequestAborted);
                return result.Outcome switch
                {
                    SendOutcome.NotFound => Results.NotFound(),
                    SendOutcome.NotApproved => ApiEndpoints.Conflict(result.Reason!),
                    SendOutcome.Refused => ApiEndpoints.Unprocessable(result.Reason!),
                    _ => Results.Accepted($"/api/v1/advisories/{id}/deliveries", new
                    {
                        id,
                        state = AdvisoryNames.Of(result.Outcome == SendOutcome.Scheduled ? AdvisoryState.Scheduled : AdvisoryState.Sending),
                        recipients = result.Recipients,
                        bodiesWithoutContact = result.BodiesWithoutContact ?? [],
                    }),
                };
            })
            .WithSummary("Send an approved advisory now, or at `at`; 202").RequireAuthorization(NetOpsPolicies.WriteAdvisories);

        advisories.MapPost("/{id:long}/cancel", async (long id, HttpContext context, AdvisoryStore store) =>
                await store.CancelAsync(id, HttpAuditActor.ForRequest(context), context.RequestAborted) switch
                {
                    null => Results.NotFound(),
                    false => ApiEndpoints.Conflict("only a draft, approved or scheduled advisory can be cancelled"),
                    true => Results.Ok(View((await store.FindAsync(id, context.RequestAborted))!)),
                })
            .WithSummary("Cancel a draft, approved or scheduled advisory").RequireAuthorization(NetOpsPolicies.WriteAdvisories);

        advisories.MapPost("/{id:long}/resend-failed", async (long id, HttpContext context, AdvisoryStore store) =>
            {
                var result = await store.ResendFailedAsync(id, HttpAuditActor.ForRequest(context), context.RequestAborted);
                return result.Outcome switch
                {
                    ResendOutcome.NotFound => Results.NotFound(),
                    ResendOutcome.NotSent => ApiEndpoints.Conflict("only an advisory that is sending or sent can be resent to its failed recipients"),
                    ResendOutcome.NoFailures => ApiEndpoints.Conflict("no recipient of this advisory has failed"),
                    _ => Results.Accepted($"/api/v1/advisories/{id}/deliveries", new { id, state = AdvisoryNames.Of(AdvisoryState.Sending), recipients = result.Recipients }),
                };
            })
            .WithSummary("Queue the recipients that failed for good once more (same Message-ID); 202 with how many, audited")
            .RequireAuthorization(NetOpsPolicies.WriteAdvisories);

        advisories.MapGet("/{id:long}/deliveries", async (long id, AdvisoryStore store, CancellationToken ct) =>
                await store.DeliveriesAsync(id, ct) is { } r
                    ? Results.Ok(new
                    {
                        advisory = r.AdvisoryId, state = AdvisoryNames.Of(r.State),
                        r.Counts.Total, r.Counts.Sent, r.Counts.Failed, r.Counts.Pending, r.Counts.Acknowledged,
                        prefectures = r.Prefectures.Select(p => new { prefecture = p.Prefecture, name = p.Name, p.Counts.Total, p.Counts.Sent, p.Counts.Failed, p.Counts.Pending, p.Counts.Acknowledged }),
                        failures = r.Failures,
                    })
                    : Results.NotFound())
            .WithSummary("Delivery counts (total, sent, failed, pending, acknowledged), the same per prefecture, and each failure with the server's reply")
            .RequireAuthorization(NetOpsPolicies.ReadAdvisories);
    }

    private static AdvisoryDraft? ToDraft(DraftBody b, List<AdvisoryError> errors)
    {
        if (!AdvisoryNames.TryParse(b.Severity, out AdvisorySeverity severity)) errors.Add(new("severity", "one of urgent, warning, caution, information"));
        if (!AdvisoryNames.TryParse(b.Tlp, out TrafficLightProtocol tlp)) errors.Add(new("tlp", "one of clear, green, amber, amber+strict, red"));
        var kind = AdvisoryKind.Advisory;
        if (b.Kind is not null && !AdvisoryNames.TryParse(b.Kind, out kind)) errors.Add(new("kind", "one of advisory, newsletter, correction, retraction"));
        var draft = new AdvisoryDraft(b.Title ?? "", b.Body ?? "", severity, tlp, b.Source ?? "", b.References ?? [], b.AffectedProducts ?? [],
            b.RecommendedActions ?? [], kind, string.IsNullOrWhiteSpace(b.TrackingId) ? null : b.TrackingId.Trim(), b.Supersedes);
        errors.AddRange(AdvisoryStore.ValidateContent(draft).Where(e => !errors.Any(x => x.Field == e.Field)));
        return errors.Count == 0 ? draft : null;
    }

    private static IResult Invalid(IReadOnlyList<AdvisoryError> errors) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "the advisory cannot be stored",
            detail: string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToList() });

    private static object View(Advisory a) => new
    {
        id = a.Id,
        title = a.Draft.Title,
        body = a.Draft.Body,
        severity = AdvisoryNames.Of(a.Draft.Severity),
        tlp = AdvisoryNames.Of(a.Draft.Tlp),
        source = a.Draft.Source,
        references = a.Draft.References,
        affectedProducts = a.Draft.AffectedProducts,
        recommendedActions = a.Draft.RecommendedActions,
        kind = AdvisoryNames.Of(a.Draft.Kind),
        trackingId = a.Draft.TrackingId,
        supersedes = a.Draft.Supersedes,
        recipients = a.Recipients.All ? (object)new { all = true } : new { all = false, prefectures = a.Recipients.Prefectures, codes = a.Recipients.Codes },
        author = a.Author,
        state = AdvisoryNames.Of(a.State),
        approver = a.Approver,
        approvedAt = a.ApprovedAt,
        sender = a.Sender,
        sendAt = a.SendAt,
        sentAt = a.SentAt,
        createdAt = a.CreatedAt,
        updatedAt = a.UpdatedAt,
    };
}
