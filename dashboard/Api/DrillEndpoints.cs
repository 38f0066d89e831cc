using Microsoft.Extensions.Localization;
using NetOps.Core.Drills;
using NetOps.Core.Inventory;
using NetOps.Dashboard.Auth;
using NetOps.Dashboard.Drills;
using NetOps.Dashboard.Reports;
using NetOps.Dashboard.Resources;

namespace NetOps.Dashboard.Api;

/// <summary>Failover drills: list, start (operators), end or cancel, and the scored report (JSON, and PDF/CSV/XLSX).</summary>
public static class DrillEndpoints
{
    public sealed record StartDrillBody(string? Title, List<string>? Sites, string? Scenario, List<string>? Roster, DrillTargets? Targets, double? DurationMinutes, string? Origin);

    public sealed record MeasureDto(string Name, double? Seconds, double TargetSeconds, bool Met);
    public sealed record SiteReportDto(string Site, IReadOnlyList<MeasureDto> Measures, IReadOnlyList<string> Missed, long? AlertId);
    public sealed record DrillDto(Drill Drill, int Met, int Total, bool Passed, IReadOnlyList<SiteReportDto> Sites);

    public static void MapDrills(this RouteGroupBuilder api)
    {
        var drills = api.MapGroup("/drills");
        drills.MapGet("", async (DrillStore store, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct) => await store.ListAsync(from, to, 500, ct))
            .WithSummary("The drills, newest first (from, to: when they started)").RequireAuthorization(NetOpsPolicies.SignedIn);
        drills.MapPost("", async (StartDrillBody body, DrillStore store, HttpContext context) =>
            {
                var result = await store.StartAsync(body.Title, body.Sites ?? [], body.Scenario, body.Roster ?? [], body.Targets,
                    TimeSpan.FromMinutes(body.DurationMinutes ?? 60), HttpAuditActor.ForRequest(context), body.Origin ?? "operator", context.RequestAborted);
                return result.Error is { } error
                    ? Results.Problem(detail: error, statusCode: StatusCodes.Status422UnprocessableEntity, title: "drill refused")
                    : Results.Created($"/api/v1/drills/{result.Drill!.Id}", result.Drill);
            })
            .WithSummary("Start a drill: sites, scenario (primary_down_then_switchback, outage), roster (the people paged instead of on-call), targets (seconds), durationMinutes; its alerts are marked drill")
            .RequireAuthorization(NetOpsPolicies.RunDrills);
        drills.MapPost("/{id:long}/end", async (long id, bool? cancel, DrillStore store, HttpContext context) =>
            {
                var result = await store.EndAsync(id, cancel == true, HttpAuditActor.ForRequest(context), context.RequestAborted);
                if (!result.Found) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "no such drill");
                return result.Error is { } error ? Results.Problem(detail: error, statusCode: StatusCodes.Status409Conflict, title: "drill not running") : Results.Ok(result.Drill);
            })
            .WithSummary("End a running drill now (cancel=true: cancelled, left out of the statistics)").RequireAuthorization(NetOpsPolicies.RunDrills);
        drills.MapGet("/{id:long}", async (long id, DrillReports reports, CancellationToken ct) =>
                await reports.ReportAsync(id, ct) is { } r ? Results.Ok(Dto(r)) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "no such drill"))
            .WithSummary("A drill with its report: per site time to detect, acknowledge, take over and switch back against the targets, and what was missed")
            .RequireAuthorization(NetOpsPolicies.SignedIn);
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            var ext = ReportService.Extension(format);
            drills.MapGet($"/{{id:long}}/report.{ext}", async (long id, HttpContext context, DrillReports reports, ReportService service, IInventorySource inventory, IStringLocalizer<Strings> l) =>
                    await reports.ReportAsync(id, context.RequestAborted) is { } r
                        ? await ReportEndpoints.ExportAsync(context, service, DrillDocument.Build(r, inventory, l), format, new { drill = id })
                        : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "no such drill"))
                .WithSummary($"The drill report as {ext.ToUpperInvariant()} (Japanese font embedded in the PDF); audited").RequireAuthorization(NetOpsPolicies.SignedIn);
        }
    }

    public static DrillDto Dto(DrillReport r) => new(r.Drill, r.Met, r.Total, r.Passed,
        [.. r.Sites.Select(s => new SiteReportDto(s.Site, [.. s.Measures.Select(m => new MeasureDto(m.Name, m.Seconds, m.TargetSeconds, m.Met))], s.Missed, s.AlertId))]);
}
