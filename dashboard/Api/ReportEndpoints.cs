using NetOps.Dashboard.Auth;
using NetOps.Dashboard.Reports;

namespace NetOps.Dashboard.Api;

/// <summary>
/// The auditors' exports (DESIGN.md): <c>GET /api/v1/reports/incidents.{csv,xlsx,pdf}?from=&amp;to=</c> and
/// <c>GET /api/v1/reports/statistics.{csv,xlsx,pdf}?from=&amp;to=&amp;compareFrom=&amp;compareTo=</c>; each export audited.
/// </summary>
public static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").RequireAuthorization(NetOpsPolicies.ExportReports);
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            var ext = ReportService.Extension(format);
            reports.MapGet($"/incidents.{ext}", async (string? from, string? to, HttpContext context, ReportService service) =>
                {
                    if (!ReportPeriod.TryParse(from, to, "from", "to", out var period, out var error)) return BadPeriod(error!);
                    var document = await service.IncidentsAsync(period, context.RequestAborted);
                    return await ExportAsync(context, service, document, format, new { from = period.From, to = period.To });
                })
                .WithSummary($"Incidents opened in the period, each with its timeline, as {ext.ToUpperInvariant()} (from, to: yyyy-MM-dd in JST, to inclusive, or ISO 8601; at most 5 years)");
            reports.MapGet($"/statistics.{ext}", async (string? from, string? to, string? compareFrom, string? compareTo, HttpContext context, ReportService service) =>
                {
                    if (!ReportPeriod.TryParse(from, to, "from", "to", out var period, out var error)) return BadPeriod(error!);
                    var compare = period.YearBefore();
                    if ((compareFrom is not null || compareTo is not null)
                        && !ReportPeriod.TryParse(compareFrom, compareTo, "compareFrom", "compareTo", out compare, out error)) return BadPeriod(error!);
                    var stats = await service.StatisticsAsync(period, compare, context.RequestAborted);
                    return await ExportAsync(context, service, service.Document(stats), format,
                        new { from = period.From, to = period.To, compareFrom = compare.From, compareTo = compare.To });
                })
                .WithSummary($"Incidents by cause for the period beside the compared one (default: a year earlier) with change, ratio, share and rank; equipment failures by device type × cause; drills; as {ext.ToUpperInvariant()}");
        }
    }

    private static IResult BadPeriod(string error) =>
        Results.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest, title: "bad period",
            extensions: new Dictionary<string, object?> { ["parameter"] = error[..error.IndexOf(':', StringComparison.Ordinal)] });

    internal static async Task<IResult> ExportAsync(HttpContext context, ReportService service, ReportDocument document, ReportFormat format, object periods)
    {
        // Written to memory first: a missing font or a failed read is still a problem answer, not half a file.
        using var buffer = new MemoryStream();
        try
        {
            await service.ExportAsync(document, format, HttpAuditActor.ForRequest(context), periods, buffer, context.RequestAborted);
        }
        catch (ReportFontMissingException e)
        {
            return Results.Problem(detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "the PDF font is not installed");
        }
        var name = $"{document.FileName}.{ReportService.Extension(format)}";
        return Results.File(buffer.ToArray(), ReportService.ContentType(format), name);
    }
}
