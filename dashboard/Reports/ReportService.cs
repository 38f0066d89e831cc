using Microsoft.Extensions.Options;
using NetOps.Alerting.Store;
using NetOps.Core.Audit;

namespace NetOps.Dashboard.Reports;

/// <summary>The formats of every report (DESIGN.md: <c>/api/v1/reports/{name}.{csv,xlsx,pdf}</c>).</summary>
public enum ReportFormat { Csv, Xlsx, Pdf }

/// <summary>
/// The auditors' reports: reads the incidents or the statistics of a period, lays them out once and writes them in the
/// format asked; each export is audited (<c>report.export</c>: who, which report and format, which periods).
/// </summary>
public sealed class ReportService(IncidentStore incidents, IDrillCounter drills, ReportBuilder builder, AuditLog audit, IOptions<ReportsOptions> options)
{
    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/pdf",
    };

    public static string Extension(ReportFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>The statistics tables of a period beside the compared one (the preview on the Reports page).</summary>
    public async Task<IncidentStatistics> StatisticsAsync(ReportPeriod period, ReportPeriod compare, CancellationToken cancellationToken)
    {
        var now = await incidents.CausesAsync(period.From, period.To, cancellationToken);
        var before = await incidents.CausesAsync(compare.From, compare.To, cancellationToken);
        return IncidentStatistics.Compute(period, now, compare, before,
            await drills.CountAsync(period, cancellationToken), await drills.CountAsync(compare, cancellationToken));
    }

    public ReportDocument Document(IncidentStatistics statistics) => builder.Statistics(statistics);

    public async Task<ReportDocument> IncidentsAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        int max = Math.Max(1, options.Value.MaxIncidents);
        var list = await incidents.ReportAsync(period.From, period.To, max + 1, cancellationToken);
        return builder.Incidents(period, list.Take(max).ToList(), truncated: list.Count > max);
    }

    /// <summary>
    /// Writes a document, once its font is known to be there (so a missing font is a clear error, not half a PDF),
    /// after the audit record of the export.
    /// </summary>
    public async Task ExportAsync(ReportDocument document, ReportFormat format, AuditActor actor, object periods, Stream output, CancellationToken cancellationToken)
    {
        var fonts = format == ReportFormat.Pdf ? ReportFonts.Install(options.Value.FontPath) : null;
        int rows = document.Tables.FirstOrDefault()?.Rows.Count ?? 0;
        await audit.RecordAsync(new AuditEntry(actor, "report.export", $"{document.FileName}.{Extension(format)}", null, new { periods, rows }), cancellationToken);
        switch (format)
        {
            case ReportFormat.Csv: await CsvReportWriter.WriteAsync(document, output, cancellationToken); break;
            case ReportFormat.Xlsx: await XlsxReportWriter.WriteAsync(document, output, cancellationToken); break;
            default: await PdfReportWriter.WriteAsync(document, fonts!, output, cancellationToken); break;
        }
    }
}
