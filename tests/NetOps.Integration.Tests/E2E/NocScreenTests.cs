using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace NetOps.Integration.Tests.E2E;

/// <summary>
/// The NOC's wall screen: 長野市's primary router reports its line down (real syslog into the real collector, the
/// analyzer judging in the same process) while an operator has the overview, the municipality list and the site page
/// open. Each shows the site on its backup line without a reload (pushed over the circuit), then up again after the
/// line comes back. The site page draws the lines' traffic from interface points in the real InfluxDB.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class NocScreenTests(NetOpsSite site)
{
    private const string Site = "202011";
    private const string Prefecture = "20";

    [Fact]
    public async Task A_failover_shows_on_the_overview_the_list_and_the_site_page_without_a_reload()
    {
        await WriteLineTrafficAsync();
        var overview = await site.SignedInPageAsync(NetOpsSite.OperatorName, NetOpsSite.PeoplePassword);
        await overview.GotoAsync("/");
        await overview.WaitForCircuitAsync();
        var tile = overview.Locator($"[data-testid=prefecture-grid] [data-pref='{Prefecture}']");
        await Assertions.Expect(tile).ToContainTextAsync("長野県");
        await Assertions.Expect(overview.Locator("[data-testid=japan-map] canvas")).ToBeVisibleAsync();
        await Assertions.Expect(tile).Not.ToHaveAttributeAsync("data-state", "backup");

        var list = await site.SignedInPageAsync(NetOpsSite.OperatorName, NetOpsSite.PeoplePassword);
        await list.GotoAsync($"/municipalities?prefecture={Prefecture}");
        await list.WaitForCircuitAsync();
        var row = list.Locator($"[data-testid=muni-list] tr[data-site='{Site}']");
        await Assertions.Expect(row).ToContainTextAsync("長野市");

        var detail = await site.SignedInPageAsync(NetOpsSite.OperatorName, NetOpsSite.PeoplePassword);
        await detail.GotoAsync($"/sites/{Site}");
        await detail.WaitForCircuitAsync();
        await Assertions.Expect(detail.Locator("h1")).ToContainTextAsync("長野市");
        // each interface's latest poll: 45.9 MB in the last minute on the primary is 6.1 Mbit/s, 6.1 % of its 100 Mbit/s
        var wan = detail.Locator($"[data-testid=site-interfaces] tr[data-device='{Site}-rt1'][data-ifname='Gi0/0']");
        await Assertions.Expect(wan).ToHaveAttributeAsync("data-oper", "up");
        await Assertions.Expect(wan.Locator("[data-col=in]")).ToHaveTextAsync("6.1 Mbit/s");
        await Assertions.Expect(wan.Locator("[data-col=util]")).ToContainTextAsync("6.1%");
        await Assertions.Expect(detail.Locator($"[data-testid=site-interfaces] tr[data-device='{Site}-rt2'][data-ifname='Gi0/1'] [data-col=in]")).ToHaveTextAsync("2.7 kbit/s");

        var now = DateTime.UtcNow;
        Task LogAsync(DateTime at, string text) => site.PrimaryRouterLogsAsync(Site, at, text);
        var sent = Stopwatch.StartNew();
        await LogAsync(now, "20: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down");

        // the analyzer judges in the same process; a loaded CI machine runs other test assemblies beside this one
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "backup", new() { Timeout = 45_000 });
        var seen = sent.Elapsed;
        Assert.Equal("b", await overview.EvaluateAsync<string>($"() => document.querySelector('[data-testid=japan-map] canvas').netopsStateOf('{Site}')"));
        await Assertions.Expect(overview.Locator("[data-testid=tile-backup]")).Not.ToContainTextAsync(" 0");
        await overview.ShotAsync("40-overview-failover");

        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "backup");
        await Assertions.Expect(row.Locator("td:nth-child(5) [data-line-state]")).ToHaveAttributeAsync("data-line-state", "down");
        await Assertions.Expect(row.Locator("td:nth-child(6) [data-line-state]")).ToHaveAttributeAsync("data-line-state", "carrying");
        await list.ShotAsync("41-municipalities-failover");
        // search by kana typed in katakana, and by state
        await list.FillAsync("[data-testid=muni-filter]", "ナガノ");
        await Assertions.Expect(list.Locator("[data-testid=muni-list] tbody tr")).ToHaveCountAsync(2); // 長野県 (the node) and 長野市
        await list.FillAsync("[data-testid=muni-filter]", "");
        await list.SelectOptionAsync("[data-testid=muni-state]", "backup");
        await Assertions.Expect(list.Locator($"[data-testid=muni-list] tr[data-site='{Site}']")).ToHaveCountAsync(1);
        await Assertions.Expect(list.Locator("[data-testid=muni-list] tbody tr[data-state=up]")).ToHaveCountAsync(0);

        await Assertions.Expect(detail.Locator("[data-testid=site-state] [data-state]")).ToHaveAttributeAsync("data-state", "backup");
        await Assertions.Expect(detail.Locator("[data-testid=site-timeline] tr[data-source=detection][data-kind=failover_started]")).ToHaveCountAsync(1);
        await Assertions.Expect(detail.Locator("[data-testid=line-chart] .chart-empty")).ToHaveCountAsync(0);
        await detail.ShotAsync("42-site-failover");

        await LogAsync(now.AddSeconds(65), "21: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up");
        await Assertions.Expect(tile).Not.ToHaveAttributeAsync("data-state", "backup");
        await Assertions.Expect(row).ToHaveCountAsync(0); // the list filtered on "backup" lets it go
        await Assertions.Expect(detail.Locator("[data-testid=site-state] [data-state]")).ToHaveAttributeAsync("data-state", "up");
        await Assertions.Expect(detail.Locator("[data-testid=site-timeline] tr[data-source=detection][data-kind=switchback]")).ToHaveCountAsync(1);
        Console.WriteLine($"NOC screen: failover on the overview {seen.TotalMilliseconds:N0} ms after the syslog line");

        // a click on the prefecture tile opens its list
        await tile.ClickAsync();
        await overview.WaitForURLAsync($"**/municipalities?prefecture={Prefecture}");
        await Assertions.Expect(overview.Locator($"[data-testid=muni-list] tr[data-site='{Site}']")).ToHaveCountAsync(1);
    }

    /// <summary>An hour of the routers' SNMP interface points (octets per minute): the primary carries, as the poller writes them.</summary>
    private async Task WriteLineTrafficAsync()
    {
        var lines = new StringBuilder();
        var start = DateTimeOffset.UtcNow.AddMinutes(-60);
        for (int m = 0; m < 60; m++)
        {
            long ns = (start.AddMinutes(m) - DateTimeOffset.UnixEpoch).Ticks * 100;
            long octets = 40_000_000 + m * 100_000;
            lines.Append($"interface,site={Site},device={Site}-rt1,ifname=Gi0/0,line=primary in_octets={octets}i,out_octets={octets / 3}i,oper_up=1i,speed_mbps=100i,elapsed_s=60 {ns}\n");
            lines.Append($"interface,site={Site},device={Site}-rt2,ifname=Gi0/1,line=backup in_octets=20000i,out_octets=10000i,oper_up=1i,speed_mbps=100i,elapsed_s=60 {ns}\n");
        }
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{site.InfluxUrl}/write?db=netops&precision=ns", new StringContent(lines.ToString()));
        Assert.True(response.IsSuccessStatusCode, $"InfluxDB answered {(int)response.StatusCode}");
    }
}
