using System.Globalization;
using System.Text;
using CsvHelper;

namespace NetOps.Dashboard.Reports;

/// <summary>
/// A report as CSV: the title and header lines, then each table (caption, headings, rows) with a blank record between.
/// Figures as plain numbers (386, 1.8, 45.2), so a spreadsheet sums them. UTF-8 with a BOM, which Excel in Japan
/// needs to read Japanese text from a CSV it opens by double-click.
/// </summary>
public static class CsvReportWriter
{
    public static async Task WriteAsync(ReportDocument document, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true))
        {
            await csv.WriteRecordAsync([document.Title], cancellationToken);
            foreach (var line in document.Header) await csv.WriteRecordAsync([line], cancellationToken);
            foreach (var table in document.Tables)
            {
                await csv.WriteRecordAsync([""], cancellationToken);
                await csv.WriteRecordAsync([table.Caption], cancellationToken);
                await csv.WriteRecordAsync(table.Headings.ToArray(), cancellationToken);
                foreach (var row in table.Rows) await csv.WriteRecordAsync(row.Select(Field).ToArray(), cancellationToken);
                foreach (var note in table.Notes ?? []) await csv.WriteRecordAsync([note], cancellationToken);
            }
            await csv.FlushAsync(cancellationToken);
        }
    }

    private static string Field(ReportCell cell) => cell.Number is { } n ? n.ToString("0.###", CultureInfo.InvariantCulture) : cell.Text;
}
