using System.Net.Http.Headers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.E2E;

/// <summary>
/// A failover drill of 岐阜市 run from the Drills page: an operator starts it with a drill roster, the primary router
/// reports its line down and up (real syslog into the real collector), the drill's alert is marked drill and paged to
/// the roster, not to on-call; someone acknowledges it; the operator ends the drill and its report scores detect,
/// acknowledge and switchback against the targets, names the takeover it never saw, and downloads as a PDF that
/// pdftotext reads in Japanese.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DrillPageTests(NetOpsSite site)
{
    private const string Site = "212016";

    [Fact]
    public async Task A_drill_is_run_marked_paged_to_its_roster_and_scored()
    {
        var page = await site.SignedInPageAsync(NetOpsSite.OperatorName, NetOpsSite.PeoplePassword);
        await page.GotoAsync($"/drills?site={Site}");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("危機管理対応訓練");
        await page.FillAsync("[data-testid=drill-roster]", NetOpsSite.SpareName);
        await page.ClickAsync("[data-testid=drill-start]");
        await page.WaitForURLAsync("**/drills/*");
        var id = long.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("[data-testid=drill-state]")).ToHaveAttributeAsync("data-state", "running");

        var now = DateTime.UtcNow;
        Task LogAsync(DateTime at, string text) => site.PrimaryRouterLogsAsync(Site, at, text);
        await LogAsync(now, "30: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down");
        await Assertions.Expect(page.Locator("[data-testid=drill-events] tr[data-kind=failover_started]")).ToHaveCountAsync(1); // pushed

        // The drill's alert: labelled with the drill, paged to the roster (sora), not to real on-call.
        using var http = new HttpClient { BaseAddress = site.NetOps.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", site.Tokens[NetOpsSite.OperatorName]);
        long alertId = 0;
        string last = "";
        try
        {
        await Until.ValueAsync<string>(async () =>
        {
            last = await http.GetStringAsync("/api/v1/alerts?state=all");
            using var doc = JsonDocument.Parse(last);
            foreach (var a in doc.RootElement.EnumerateArray())
                if (a.GetProperty("site").GetString() == Site && a.GetProperty("labels").TryGetProperty("drill", out var d) && d.GetString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    alertId = a.GetProperty("id").GetInt64();
            return alertId != 0 ? "found" : null;
        }, TimeSpan.FromSeconds(30));
        }
        catch (Xunit.Sdk.XunitException) { Assert.Fail($"no alert of drill {id} for {Site}; the alerts: {last}"); }
        var users = await Until.ValueAsync<string>(async () =>
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/alerts/{alertId}"));
            var pages = doc.RootElement.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("user").GetString()).ToList();
            return pages.Count > 0 ? string.Join(",", pages.Distinct()) : null;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(NetOpsSite.SpareName, users); // the drill roster only, nobody of the real on-call
        using (var ack = await http.PostAsync($"/api/v1/alerts/{alertId}/ack", null)) Assert.True(ack.IsSuccessStatusCode, $"ack answered {(int)ack.StatusCode}");

        await LogAsync(now.AddSeconds(40), "31: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up");
        await Assertions.Expect(page.Locator("[data-testid=drill-events] tr[data-kind=switchback]")).ToHaveCountAsync(1);
        await page.ClickAsync("[data-testid=drill-end]");
        await Assertions.Expect(page.Locator("[data-testid=drill-state]")).ToHaveAttributeAsync("data-state", "ended");
        var scores = page.Locator("[data-testid=drill-scores]");
        await Assertions.Expect(scores.Locator("tr[data-measure=detect]")).ToHaveAttributeAsync("data-result", "met");
        await Assertions.Expect(scores.Locator("tr[data-measure=acknowledge]")).ToHaveAttributeAsync("data-result", "met");
        await Assertions.Expect(scores.Locator("tr[data-measure=switchback]")).ToHaveAttributeAsync("data-result", "met");
        await Assertions.Expect(scores.Locator("tr[data-measure=takeover]")).ToHaveAttributeAsync("data-result", "missed"); // syslog alone: no backup traffic seen
        await Assertions.Expect(page.Locator("[data-testid=drill-score]")).ToHaveAttributeAsync("data-met", "3");
        await page.ShotAsync("43-drill-report");

        // The report as a PDF (the auditors' writer, Japanese font embedded); the alerts page marks the alert as drill.
        var pdf = await http.GetByteArrayAsync($"/api/v1/drills/{id}/report.pdf");
        var text = await PdfText.ExtractAsync(pdf, TestContext.Current.CancellationToken);
        Assert.Contains("危機管理対応訓練", text);
        Assert.Contains("岐阜市", text);
        Assert.Contains("見逃し", text);
        await page.GotoAsync("/alerts");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("[data-testid=alert-tab-all]"); // the switchback resolved it
        await Assertions.Expect(page.Locator($"[data-testid=drill-badge][href='/drills/{id}']").First).ToBeVisibleAsync();

        // The drills list, and the auditors' page (theirs, not the operator's), for the screenshots of every page.
        await page.GotoAsync("/drills");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator($"[data-testid=drill-list] tr[data-drill='{id}']")).ToHaveAttributeAsync("data-state", "ended");
        await page.ShotAsync("44-drills");
        var audit = await site.SignedInPageAsync(NetOpsSite.AuditorName, NetOpsSite.PeoplePassword);
        await audit.GotoAsync("/reports");
        await audit.WaitForCircuitAsync();
        await Assertions.Expect(audit.Locator("h1")).ToHaveTextAsync("監査レポート");
        await Assertions.Expect(audit.Locator("[data-testid=report-downloads]")).ToBeVisibleAsync();
        await audit.ShotAsync("45-reports");

        // An auditor may read the report but not start a drill.
        using var auditor = new HttpClient { BaseAddress = site.NetOps.BaseUri };
        auditor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", site.Tokens[NetOpsSite.AuditorName]);
        using (var r = await auditor.GetAsync($"/api/v1/drills/{id}")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await auditor.PostAsync("/api/v1/drills", new StringContent($"{{\"sites\":[\"{Site}\"],\"roster\":[\"x\"]}}", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }
}
