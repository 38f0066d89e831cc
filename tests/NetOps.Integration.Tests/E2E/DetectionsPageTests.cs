using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace NetOps.Integration.Tests.E2E;

/// <summary>
/// An operator keeps the detections page open; 千代田区's primary router reports its line down and, a minute later,
/// up (real syslog into the real collector): the failover and the switchback appear without a reload, in Japanese,
/// with their evidence and phase timeline.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DetectionsPageTests(NetOpsSite site)
{
    private const string Site = "131016";

    [Fact]
    public async Task A_failover_appears_on_the_open_detections_page_with_its_evidence()
    {
        var page = await site.SignedInPageAsync(NetOpsSite.OperatorName, NetOpsSite.PeoplePassword);
        await page.GotoAsync("/detections");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("検知");

        var now = DateTime.UtcNow;
        Task LogAsync(DateTime at, string text) => site.PrimaryRouterLogsAsync(Site, at, text);
        await LogAsync(now, "10: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down");
        await LogAsync(now.AddSeconds(1), "11: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0, changed state to down");

        var started = page.Locator($"tr[data-site='{Site}'][data-kind=failover_started]");
        await Assertions.Expect(started).ToHaveCountAsync(1); // pushed over the circuit: no reload
        await Assertions.Expect(started).ToContainTextAsync("フェイルオーバー開始");
        await Assertions.Expect(started).ToContainTextAsync("千代田区");
        await Assertions.Expect(started.Locator("[data-testid=detection-summary]")).ToHaveTextAsync($"主回線が停止しました（{Site}-rt1: link_down）");

        await LogAsync(now.AddSeconds(65), "12: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up");
        var back = page.Locator($"tr[data-site='{Site}'][data-kind=switchback]");
        await Assertions.Expect(back).ToHaveCountAsync(1);
        await Assertions.Expect(back.Locator("[data-testid=phase-timeline]")).ToContainTextAsync("合計 65 秒");
        await started.Locator("[data-testid=detection-expand]").ClickAsync();
        // the link and its line protocol: two pieces of evidence of one detection
        await Assertions.Expect(page.Locator("[data-testid=evidence] tr[data-evidence=link_down]")).ToHaveCountAsync(2);
        await page.ShotAsync("21-detections");

        // The filter: another prefecture's detections only.
        await page.SelectOptionAsync("#f-pref", "35");
        await page.ClickAsync("[data-testid=detections-apply]");
        await Assertions.Expect(page.Locator($"tr[data-site='{Site}']")).ToHaveCountAsync(0);
    }
}
