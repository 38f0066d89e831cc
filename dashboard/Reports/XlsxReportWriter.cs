using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace NetOps.Dashboard.Reports;

/// <summary>
/// A report as an XLSX workbook: one sheet per table, each with the title and header lines, the caption, the headings
/// and the rows; figures are number cells. Row numbers are written, so a reader can find a cell by its reference.
/// </summary>
public static class XlsxReportWriter
{
    public static async Task WriteAsync(ReportDocument document, Stream output, CancellationToken cancellationToken)
    {
        // The OpenXml package writer seeks; a response body does not.
        using var buffer = new MemoryStream();
        using (var xlsx = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = xlsx.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var table in document.Tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                part.Worksheet = new Worksheet(data);
                uint r = 0;
                void Add(IEnumerable<ReportCell> cells)
                {
                    var row = new Row { RowIndex = ++r };
                    int c = 0;
                    foreach (var cell in cells) row.Append(Cell(Reference(c++, r), cell));
                    data.Append(row);
                }
                Add([document.Title]);
                foreach (var line in document.Header) Add([line]);
                Add([table.Caption]);
                Add(table.Headings.Select(h => (ReportCell)h));
                foreach (var row in table.Rows) Add(row);
                foreach (var note in table.Notes ?? []) Add([note]);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = SheetName(table.Name) });
            }
            workbook.Workbook.Save();
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static Cell Cell(string reference, ReportCell cell) => cell.Number is { } n
        ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n.ToString("R", CultureInfo.InvariantCulture)) }
        : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cell.Text) { Space = SpaceProcessingModeValues.Preserve }) };

    /// <summary>A1-style reference: column 0 is A, 26 is AA.</summary>
    public static string Reference(int column, uint row)
    {
        var name = "";
        for (int c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    // Excel refuses a sheet name over 31 characters or with any of []:*?/\.
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(ch => "[]:*?/\\".Contains(ch) ? '_' : ch).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
