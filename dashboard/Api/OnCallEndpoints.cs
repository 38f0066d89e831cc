using Microsoft.AspNetCore.Mvc;
using NetOps.Alerting;
using NetOps.Alerting.OnCall;
using NetOps.Alerting.Store;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary>
/// On-call (DESIGN.md): who is on call now and next, and the schedules, policies and routes in the shapes of
/// <c>Alerting:OnCall</c>; PUT replaces one (the whole setup is checked first: 422 names every key that cannot work).
/// </summary>
public static class OnCallEndpoints
{
    public static void MapOnCall(this RouteGroupBuilder api)
    {
        var oncall = api.MapGroup("/oncall");
        oncall.MapGet("", async (OnCallStore store, TimeProvider time, CancellationToken ct) =>
            {
                var effective = await store.EffectiveAsync(ct);
                var (setup, errors) = effective.Compile(TimeZones.Find);
                return Results.Ok(new
                {
                    now = setup is null ? [] : OnCallStore.Now(setup, time.GetUtcNow()),
                    schedules = effective.Schedules,
                    policies = effective.Policies,
                    routes = effective.Routes,
                    errors,
                });
            })
            .WithSummary("Who is on call now and next in each schedule; the schedules, policies and routes").RequireAuthorization(NetOpsPolicies.SignedIn);

        oncall.MapPut("/schedules/{name}", async (string name, [FromBody] OnCallOptions.ScheduleOptions body, HttpContext context, OnCallStore store) =>
                Result(await store.PutScheduleAsync(name, body, HttpAuditActor.ForRequest(context), context.RequestAborted)))
            .WithSummary("Create or replace a schedule: timeZone, rotation (users, handoff, lengthDays, start), overrides (user, from, to), holidays (local dates) and holidayUsers")
            .RequireAuthorization(NetOpsPolicies.EditOnCall);
        oncall.MapPut("/policies/{name}", async (string name, [FromBody] OnCallOptions.PolicyOptions body, HttpContext context, OnCallStore store) =>
                Result(await store.PutPolicyAsync(name, body, HttpAuditActor.ForRequest(context), context.RequestAborted)))
            .WithSummary("Create or replace an escalation policy: steps (notify: schedule or users; waitMinutes), repeat")
            .RequireAuthorization(NetOpsPolicies.EditOnCall);
        oncall.MapPut("/routes", async ([FromBody] List<OnCallOptions.RouteOptions> body, HttpContext context, OnCallStore store) =>
                Result(await store.PutRoutesAsync(body, HttpAuditActor.ForRequest(context), context.RequestAborted)))
            .WithSummary("Replace the ordered routes: matchers (name, value, isRegex), policy, groupBy, groupWaitSeconds, groupIntervalSeconds, repeatIntervalMinutes")
            .RequireAuthorization(NetOpsPolicies.EditOnCall);
    }

    private static IResult Result(IReadOnlyList<string> errors) => errors.Count == 0
        ? Results.NoContent()
        : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "the on-call setup cannot work", detail: string.Join("; ", errors),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
