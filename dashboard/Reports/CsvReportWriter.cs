using System.Globalization;
using System.Text;
using CsvHelper;

namespace NetOps.Dashboard.Reports;

/// <summary>
/// A report as CSV: the title and header lines, then each table (caption, headings, rows) with a blank record between.
/// Figures as plain numbers (386, 1.8, 45.2), so a spreadsheet sums them. UTF-8 with a BOM, which Excel in Japan
/// needs to read Japanese text from a CSV it opens by double-click. Every record is padded to the widest table, as
/// RFC 4180 (and CsvHelper) want one field count throughout.
/// </summary>
public static class CsvReportWriter
{
    public static async Task WriteAsync(ReportDocument document, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        int width = document.Tables.Max(t => t.Headings.Count);
        await using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true))
        {
            ValueTask Write(IEnumerable<string> fields) => csv.WriteRecordAsync(fields.Concat(Enumerable.Repeat("", width)).Take(width).ToArray(), cancellationToken);
            await Write([document.Title]);
            foreach (var line in document.Header) await Write([line]);
            foreach (var table in document.Tables)
            {
                await Write([]);
                await Write([table.Caption]);
                await Write(table.Headings);
                foreach (var row in table.Rows) await Write(row.Select(Field));
                foreach (var note in table.Notes ?? []) await Write([note]);
            }
            await csv.FlushAsync(cancellationToken);
        }
    }

    private static string Field(ReportCell cell) => cell.Number is { } n ? n.ToString("0.###", CultureInfo.InvariantCulture) : cell.Text;
}
