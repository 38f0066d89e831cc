namespace NetOps.Dashboard.Reports;

/// <summary>A cell: the text a person reads (1.8×, 45.2%) and, for a figure, the number a spreadsheet sums (1.8, 45.2).</summary>
public readonly record struct ReportCell(string Text, double? Number = null)
{
    public static implicit operator ReportCell(string text) => new(text);

    public static ReportCell Of(int n) => new(n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), n);
}

/// <summary>
/// One table of a report: its sheet name (XLSX), caption, headings, rows and relative column widths (PDF).
/// A row whose first cell repeats the row above's belongs to the same thing (an incident's timeline).
/// </summary>
public sealed record ReportTable(string Name, string Caption, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<ReportCell>> Rows,
    IReadOnlyList<double> Widths, IReadOnlyList<string>? Notes = null);

/// <summary>
/// A report in the shape all three formats print: a title, lines under it (the period; that times are JST) and its
/// tables. The CSV, XLSX and PDF writers only lay it out, so the three cannot disagree on a number.
/// </summary>
public sealed record ReportDocument(string Title, string FileName, IReadOnlyList<string> Header, IReadOnlyList<ReportTable> Tables);
