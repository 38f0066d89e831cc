using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NetOps.Dashboard.Reports;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Reports;

/// <summary>The auditors' exports through the running host: who may download them, each format's content, the audit record, bad periods.</summary>
public sealed class ReportExportTests : IAsyncLifetime
{
    private InfluxServer _influx = null!;
    private NetOpsProcess _netops = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-reports-").FullName;
    private string DataDir => Path.Combine(_dir, "data");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task An_auditor_downloads_every_format_an_oncall_user_may_not_and_no_token_is_401()
    {
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "noc1", "operator"));
        using (var opened = await http.PostAsJsonAsync("api/v1/incidents", new { title = "下関市 主回線断（監査テスト）", sites = new[] { "352012" } }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var id = JsonNode.Parse(await opened.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<long>();
            using var cause = await http.PutAsJsonAsync($"api/v1/incidents/{id}/cause", new { category = "EquipmentFailure", device = "Router" }, Ct);
            Assert.Equal(HttpStatusCode.NoContent, cause.StatusCode);
        }
        var fy = ReportPeriod.FiscalYearOf(DateTimeOffset.UtcNow);
        var query = $"from={fy}-04-01&to={fy + 1}-03-31";
        var stats = $"api/v1/reports/statistics.csv?{query}&compareFrom={fy - 1}-04-01&compareTo={fy}-03-31";

        http.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"api/v1/reports/incidents.pdf?{query}", Ct)).StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "pager1", "oncall"));
        foreach (var path in new[] { $"api/v1/reports/incidents.pdf?{query}", $"api/v1/reports/incidents.csv?{query}", $"api/v1/reports/statistics.xlsx?{query}" })
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(path, Ct)).StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "kansa1", "auditor"));
        using (var pdf = await http.GetAsync($"api/v1/reports/incidents.pdf?{query}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
            var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync(Ct), Ct);
            Assert.Contains("インシデント報告書", text);
            Assert.Contains("下関市 主回線断（監査テスト）", text);
            Assert.Contains("機器障害（ルータ）", text);
            Assert.Contains("日本標準時（JST）", text);
        }
        var csv = await http.GetStringAsync($"api/v1/reports/incidents.csv?{query}", Ct);
        Assert.Contains("下関市 主回線断（監査テスト）", csv);
        Assert.Contains("起票日時（JST）", csv);
        var statsCsv = await http.GetStringAsync(stats, Ct);
        Assert.Contains("機器障害,0,1,1,", statsCsv);
        Assert.Contains("ルータ,0,1,1", statsCsv);
        using (var xlsx = await http.GetAsync($"api/v1/reports/statistics.xlsx?{query}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal("netops-statistics.xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName);
            using var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)), false);
            Assert.Equal(["原因別", "機器障害", "訓練"], book.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value!));
        }

        var audit = JsonNode.Parse(await http.GetStringAsync("api/v1/audit?action=report.export", Ct))!.AsArray();
        Assert.Equal(4, audit.Count);
        Assert.All(audit, a => Assert.Equal("kansa1", a!["actor"]!.GetValue<string>()));
        Assert.Contains(audit, a => a!["target"]!.GetValue<string>() == "netops-incidents.pdf");
    }

    [Fact]
    public async Task A_bad_period_is_a_400_naming_the_parameter()
    {
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "kansa2", "auditor"));
        foreach (var (query, parameter) in new[]
                 {
                     ("from=2020-13-01&to=2021-03-31", "from"), ("from=2020-04-01", "to"), ("from=2021-04-01&to=2020-03-31", "to"),
                     ("from=2010-04-01&to=2021-03-31", "to"), ("from=2020-04-01&to=2021-03-31&compareFrom=2019-04-01", "compareTo"),
                 })
        {
            using var response = await http.GetAsync($"api/v1/reports/statistics.pdf?{query}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
            Assert.StartsWith(parameter + ":", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
