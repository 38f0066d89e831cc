using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace NetOps.Dashboard.Reports;

/// <summary>
/// A report as PDF (A4 landscape, the Japanese font embedded): the title and header lines on the first page, then each
/// table with its headings repeated on every page. Japanese has no spaces to break at, so a cell wraps at any character
/// that would cross its column.
/// </summary>
public static class PdfReportWriter
{
    private const double Margin = 36, LineHeight = 12, CellPad = 3, FontSize = 8.5;

    public static async Task WriteAsync(ReportDocument document, ReportFonts fonts, Stream output, CancellationToken cancellationToken)
    {
        _ = fonts; // the resolver is global to PDFsharp; taking it here makes sure it is installed first
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Creator = "NetOps";
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var font = new XFont(ReportFonts.Family, FontSize, XFontStyleEx.Regular, options);
        var bold = new XFont(ReportFonts.Family, FontSize, XFontStyleEx.Bold, options);
        var title = new XFont(ReportFonts.Family, 14, XFontStyleEx.Bold, options);
        var page = new Page(pdf);
        page.Text(document.Title, title, 18);
        foreach (var line in document.Header) page.Text(line, font, LineHeight);
        foreach (var table in document.Tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            page.Gap(LineHeight);
            page.Text(table.Caption, bold, LineHeight + 2);
            var widths = Widths(table, page.ContentWidth);
            var headingCells = table.Headings.Select(h => (ReportCell)h).ToList();
            void Headings() => page.Row(headingCells, widths, bold, XBrushes.Gainsboro, () => { });
            Headings();
            foreach (var row in table.Rows) page.Row(row, widths, font, null, Headings);
            foreach (var note in table.Notes ?? []) page.Text(note, font, LineHeight);
        }
        page.Dispose();
        using var buffer = new MemoryStream();
        pdf.Save(buffer, closeStream: false);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static double[] Widths(ReportTable table, double width)
    {
        var weights = table.Widths.Count == table.Headings.Count ? table.Widths : table.Headings.Select(_ => 1.0).ToList();
        var sum = weights.Sum();
        return weights.Select(w => w / sum * width).ToArray();
    }

    /// <summary>The page being written and where on it; a new page when the next line does not fit.</summary>
    private sealed class Page(PdfDocument pdf) : IDisposable
    {
        private XGraphics? _gfx;
        private double _y;
        private PdfPage? _page;

        public double ContentWidth => Current.Width.Point - 2 * Margin;

        private PdfPage Current => _page ?? NewPage();

        private XGraphics Gfx
        {
            get { _ = Current; return _gfx!; }
        }

        private PdfPage NewPage()
        {
            _gfx?.Dispose();
            _page = pdf.AddPage();
            _page.Size = PageSize.A4;
            _page.Orientation = PageOrientation.Landscape;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
            return _page;
        }

        private bool Fits(double height) => _y + height <= Current.Height.Point - Margin;

        public void Gap(double height) => _y += height;

        public void Text(string text, XFont font, double height)
        {
            foreach (var line in Wrap(Gfx, text, font, ContentWidth))
            {
                if (!Fits(height)) NewPage();
                Gfx.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y + height - 3));
                _y += height;
            }
        }

        /// <summary>One table row, its cells wrapped; on a new page the headings come first.</summary>
        public void Row(IReadOnlyList<ReportCell> cells, double[] widths, XFont font, XBrush? fill, Action headingsOnNewPage)
        {
            var wrapped = cells.Select((c, i) => Wrap(Gfx, c.Text, font, widths[Math.Min(i, widths.Length - 1)] - 2 * CellPad)).ToList();
            var height = Math.Max(1, wrapped.Max(w => w.Count)) * LineHeight + 2;
            if (!Fits(height))
            {
                NewPage();
                headingsOnNewPage();
            }
            double x = Margin;
            for (int i = 0; i < widths.Length; i++)
            {
                var rect = new XRect(x, _y, widths[i], height);
                if (fill is not null) Gfx.DrawRectangle(fill, rect);
                Gfx.DrawRectangle(new XPen(XColors.Gray, 0.4), rect);
                if (i < wrapped.Count)
                {
                    bool number = cells[i].Number is not null;
                    for (int k = 0; k < wrapped[i].Count; k++)
                    {
                        var line = wrapped[i][k];
                        double lx = number ? x + widths[i] - CellPad - Gfx.MeasureString(line, font).Width : x + CellPad;
                        Gfx.DrawString(line, font, XBrushes.Black, new XPoint(lx, _y + (k + 1) * LineHeight - 2));
                    }
                }
                x += widths[i];
            }
            _y += height;
        }

        public void Dispose()
        {
            _ = Current; // a document with no table still has its page
            _gfx?.Dispose();
        }
    }

    /// <summary>Splits text into lines no wider than <paramref name="width"/>: at a newline, or at the character that would cross.</summary>
    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            int start = 0;
            while (start < paragraph.Length)
            {
                int end = start + 1;
                while (end < paragraph.Length && gfx.MeasureString(paragraph[start..(end + 1)], font).Width <= width) end++;
                // Avoid splitting a surrogate pair (a CJK extension character).
                if (end < paragraph.Length && char.IsHighSurrogate(paragraph[end - 1]) && end - start > 1) end--;
                lines.Add(paragraph[start..end]);
                start = end;
            }
            if (paragraph.Length == 0) lines.Add("");
        }
        return lines;
    }
}
