using System.Net.Http.Json;
using Microsoft.Playwright;

namespace NetOps.Integration.Tests.E2E;

/// <summary>
/// An operator keeps the alerts page open; Prometheus-style alerts arrive through <c>POST /api/v2/alerts</c> and appear
/// without a reload; the operator acknowledges one and silences another from the page, and finds the silence on the
/// silences page.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AlertsPageTests(NetOpsSite site)
{
    [Fact]
    public async Task An_operator_acknowledges_an_alert_and_silences_another_from_the_open_page()
    {
        var page = await site.SignedInPageAsync(NetOpsSite.OperatorName, NetOpsSite.PeoplePassword);
        await page.GotoAsync("/alerts");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("アラート");

        using var http = new HttpClient { BaseAddress = site.NetOps.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", site.Tokens[NetOpsSite.AdminName]);
        var endsAt = DateTimeOffset.UtcNow.AddHours(1);
        using (var posted = await http.PostAsJsonAsync("api/v2/alerts", new[]
               {
                   new { labels = new Dictionary<string, string> { ["alertname"] = "E2eProbe", ["site"] = "131016", ["kind"] = "probe_failed", ["severity"] = "critical" },
                       annotations = new Dictionary<string, string> { ["summary"] = "千代田区ルータへの ICMP 応答なし" }, endsAt },
                   new { labels = new Dictionary<string, string> { ["alertname"] = "E2eProbe", ["site"] = "352012", ["kind"] = "probe_failed", ["severity"] = "warning" },
                       annotations = new Dictionary<string, string> { ["summary"] = "下関市ルータの応答遅延" }, endsAt },
               }))
            posted.EnsureSuccessStatusCode();

        var rows = page.Locator("tr[data-testid=alert-row]");
        var chiyoda = rows.Filter(new() { HasText = "千代田区ルータ" });
        var shimonoseki = rows.Filter(new() { HasText = "下関市ルータ" });
        await Assertions.Expect(chiyoda).ToHaveCountAsync(1); // pushed over the circuit: no reload
        await Assertions.Expect(shimonoseki).ToHaveCountAsync(1);
        await Assertions.Expect(chiyoda).ToHaveAttributeAsync("data-state", "firing");
        await Assertions.Expect(chiyoda).ToContainTextAsync("発報中");
        await page.ShotAsync("30-alerts-firing");

        await chiyoda.Locator("[data-testid=alert-ack]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=action-ok]")).ToContainTextAsync("確認しました");
        await Assertions.Expect(chiyoda).ToHaveAttributeAsync("data-state", "acknowledged");
        await Assertions.Expect(chiyoda).ToContainTextAsync(NetOpsSite.OperatorName);

        await shimonoseki.Locator("[data-testid=alert-silence]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=action-ok]")).ToContainTextAsync("サイレンス");
        await Assertions.Expect(shimonoseki).ToHaveAttributeAsync("data-state", "suppressed");
        await Assertions.Expect(shimonoseki.Locator("[data-testid=alert-suppressed-by]")).ToContainTextAsync("silence:");
        await page.ShotAsync("31-alerts-acted");

        await page.GotoAsync("/silences");
        await page.WaitForCircuitAsync();
        var silence = page.Locator("tr[data-testid=silence-row][data-status=active]");
        await Assertions.Expect(silence).ToHaveCountAsync(1);
        await Assertions.Expect(silence).ToContainTextAsync("site=352012");
        await Assertions.Expect(silence).ToContainTextAsync(NetOpsSite.OperatorName);
        await page.ShotAsync("32-silences");

        // An incident from the acknowledged alert: cause (equipment failure, router), a note, closed with a root cause.
        await page.GotoAsync("/alerts");
        await page.WaitForCircuitAsync();
        await chiyoda.Locator("a").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=alert-timeline]")).ToContainTextAsync("acknowledged");
        await page.ClickAsync("[data-testid=alert-open-incident]");
        await Assertions.Expect(page.Locator("[data-testid=incident-state]")).ToHaveTextAsync("対応中");
        await page.FillAsync("[data-testid=incident-root]", "主回線ルータの電源ユニット故障");
        await page.ClickAsync("[data-testid=incident-close]");
        await Assertions.Expect(page.Locator("[data-testid=action-error]")).ToContainTextAsync("cause"); // no cause yet: refused, said
        await page.SelectOptionAsync("[data-testid=incident-cause-select]", "EquipmentFailure");
        await page.SelectOptionAsync("[data-testid=incident-device-select]", "Router");
        await page.ClickAsync("[data-testid=incident-cause-set]");
        await Assertions.Expect(page.Locator("[data-testid=incident-cause]")).ToHaveTextAsync("機器障害（ルータ）");
        await page.FillAsync("[data-testid=incident-note]", "保守業者に交換を依頼");
        await page.ClickAsync("[data-testid=incident-note-add]");
        await Assertions.Expect(page.Locator("[data-testid=incident-timeline] li[data-kind=note]")).ToContainTextAsync("保守業者に交換を依頼");
        await page.FillAsync("[data-testid=incident-root]", "主回線ルータの電源ユニット故障");
        await page.ClickAsync("[data-testid=incident-close]");
        await Assertions.Expect(page.Locator("[data-testid=incident-state]")).ToHaveTextAsync("完了");
        await Assertions.Expect(page.Locator("[data-testid=incident-root-cause]")).ToHaveTextAsync("主回線ルータの電源ユニット故障");
        // the merged timeline: the alert's acknowledgement is on it too
        await Assertions.Expect(page.Locator("[data-testid=incident-timeline] li[data-kind=acknowledgement]")).ToHaveCountAsync(1);
        await page.ShotAsync("33-incident-closed");

        // On-call staff may acknowledge but not silence: the form is not there, and the server refuses it anyway (API).
        var oncall = await site.SignedInPageAsync(NetOpsSite.OnCallName, NetOpsSite.PeoplePassword);
        await oncall.GotoAsync("/silences");
        await oncall.WaitForCircuitAsync();
        await Assertions.Expect(oncall.Locator("[data-testid=silence-form]")).ToHaveCountAsync(0);
    }
}
