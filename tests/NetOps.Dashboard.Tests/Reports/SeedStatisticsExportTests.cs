using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NetOps.Core.Audit;
using NetOps.Dashboard.Reports;
using NetOps.Testing;

namespace NetOps.Dashboard.Tests.Reports;

/// <summary>
/// The seeds' tables reproduced from incident records (issue 12): FY2019 214 and FY2020 386 incidents (1.8×) go
/// through the real incident store on a SQLite state DB, each opened at its time with its cause, and every export
/// format prints the same numbers. The per-cause and per-device splits are illustrative (<see cref="SeedFigures"/>).
/// </summary>
public sealed class SeedStatisticsExportTests : IAsyncLifetime
{
    private static readonly AuditActor Auditor = new("kansa", "127.0.0.1");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ReportTestDb _db = null!;

    private sealed class TwoDrills : IDrillCounter
    {
        public Task<DrillCount> CountAsync(ReportPeriod period, CancellationToken cancellationToken) =>
            Task.FromResult(new DrillCount(period.From.Year == 2020 ? 5 : 3, "test drills"));
    }

    public async ValueTask InitializeAsync()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
        _db = await ReportTestDb.CreateAsync(ReportPeriod.FiscalYear(2019).From, Ct);
        foreach (var fy in new[] { 2019, 2020 })
        {
            var period = ReportPeriod.FiscalYear(fy);
            var causes = SeedFigures.Causes(fy);
            var step = (period.To - period.From) / causes.Count;
            for (int i = 0; i < causes.Count; i++)
            {
                _db.Time.SetUtcNow(period.From + step * i + TimeSpan.FromHours(1));
                var opened = await _db.Incidents.OpenAsync($"{fy}年度 障害 {i + 1}", ["352012"], null, Auditor, Ct);
                Assert.True((await _db.Incidents.SetCauseAsync(opened.Id, causes[i], Auditor, Ct)).Done);
            }
        }
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<byte[]> ExportAsync(ReportFormat format)
    {
        var reports = _db.Reports(new TwoDrills());
        var stats = await reports.StatisticsAsync(ReportPeriod.FiscalYear(2020), ReportPeriod.FiscalYear(2019), Ct);
        using var output = new MemoryStream();
        await reports.ExportAsync(reports.Document(stats), format, Auditor, new { fy = 2020 }, output, Ct);
        return output.ToArray();
    }

    [Fact]
    public async Task The_CSV_prints_the_seed_totals_each_cause_and_the_device_table()
    {
        var csv = System.Text.Encoding.UTF8.GetString(await ExportAsync(ReportFormat.Csv)).TrimStart('\uFEFF');
        // Every record has the widest table's seven fields; the narrower tables end in empty ones.
        var rows = csv.Split('\n').Select(l => l.TrimEnd('\r').TrimEnd(',')).ToHashSet();

        Assert.Contains("原因,2019-04-01〜2020-03-31,2020-04-01〜2021-03-31,増減,比率,構成比,順位", rows);
        Assert.Contains("合計,214,386,172,1.8,100", rows);
        Assert.Contains("機器障害,71,142,71,2,36.8,1", rows);
        Assert.Contains("回線障害,58,97,39,1.7,25.1,2", rows);
        Assert.Contains("落雷・停電,24,41,17,1.7,10.6,3", rows);
        Assert.Contains("情報漏えい,9,18,9,2,4.7,7", rows);
        Assert.Contains("ルータ,12,58,70", rows);
        Assert.Contains("スイッチ（SW-HUB）,9,39,48", rows);
        Assert.Contains("合計,27,142,169", rows);
        Assert.Contains("2020-04-01〜2021-03-31,5", rows);
        Assert.Contains("時刻はすべて日本標準時（JST）", rows);
    }

    [Fact]
    public async Task The_XLSX_has_the_same_numbers_as_number_cells()
    {
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(await ExportAsync(ReportFormat.Xlsx)), false);
        var byCause = Sheet(xlsx, "原因別");
        Assert.Equal(new double[] { 214, 386, 172, 1.8, 100 }, Row(byCause, "合計")[1..6].Select(Number));
        Assert.Equal(new double[] { 71, 142, 71, 2, 36.8, 1 }, Row(byCause, "機器障害")[1..7].Select(Number));
        var devices = Sheet(xlsx, "機器障害");
        Assert.Equal(new double[] { 12, 58, 70 }, Row(devices, "ルータ")[1..4].Select(Number));
        Assert.Equal(new double[] { 27, 142, 169 }, Row(devices, "合計")[1..4].Select(Number));
        Assert.All(Row(devices, "合計")[1..4], c => Assert.Equal(CellValues.Number, c.DataType!.Value));
    }

    [Fact]
    public async Task The_PDF_text_has_the_numbers_and_the_Japanese_words()
    {
        var text = await PdfText.ExtractAsync(await ExportAsync(ReportFormat.Pdf), Ct);

        foreach (var expected in new[] { "インシデント統計", "機器障害", "落雷・停電", "スイッチ（SW-HUB）", "日本標準時（JST）", "214", "386", "+172", "1.8×", "36.8%", "169" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public async Task An_export_is_audited_with_who_what_and_the_period()
    {
        await ExportAsync(ReportFormat.Csv);

        var records = await _db.Audit.QueryAsync(new AuditQuery(null, null, null, "report.export", 10), Ct);
        var record = Assert.Single(records);
        Assert.Equal(("kansa", "netops-statistics.csv"), (record.Actor, record.Target));
        Assert.Contains("\"fy\":2020", record.After);
    }

    [Fact]
    public async Task The_incident_report_lists_every_incident_of_the_year_with_its_timeline_in_JST()
    {
        var reports = _db.Reports(new TwoDrills());
        var document = await reports.IncidentsAsync(ReportPeriod.FiscalYear(2019), Ct);
        Assert.Equal(SeedFigures.Fy2019Total, document.Tables[0].Rows.Count);
        Assert.Equal("2019-04-01 01:00:00 JST", document.Tables[0].Rows[0][3].Text);
        Assert.Contains(document.Tables[1].Rows, r => r[2].Text == "原因" && r[4].Text.StartsWith("機器障害（", StringComparison.Ordinal));

        using var pdf = new MemoryStream();
        await reports.ExportAsync(document, ReportFormat.Pdf, Auditor, new { fy = 2019 }, pdf, Ct);
        var text = await PdfText.ExtractAsync(pdf.ToArray(), Ct);
        Assert.Contains("インシデント一覧（214 件）", text);
        Assert.Contains("2019年度 障害 214", text);
        Assert.Contains("機器障害（ルータ）", text);
    }

    private static SheetData Sheet(SpreadsheetDocument xlsx, string name)
    {
        var wb = xlsx.WorkbookPart!;
        var sheet = wb.Workbook.Descendants<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
    }

    private static Cell[] Row(SheetData data, string first) =>
        data.Elements<Row>().Select(r => r.Elements<Cell>().ToArray()).Single(c => c.Length > 1 && c[0].InlineString?.InnerText == first);

    private static double Number(Cell c) => double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture);
}
