using Bunit;
using NetOps.Core.Inventory;
using NetOps.Dashboard.Components.Board;
using NetOps.Dashboard.Ui.Board;

namespace NetOps.Dashboard.Tests.Components;

/// <summary>The site page's interface table: what a NOC operator reads off each port's latest poll.</summary>
public sealed class SiteInterfacesTests : BunitHost
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    private static Device Polled(string name, int interval) => new() { Name = name, Kind = "router", Snmp = new DeviceSnmp { Credential = "noc", IntervalSeconds = interval } };

    [Fact]
    public void A_saturated_erroring_line_reads_as_such_and_a_device_silent_for_three_intervals_is_not_answering()
    {
        SiteInterface[] interfaces =
        [
            new("202011-rt1", "Gi0/0", "primary", "LGWAN primary", true, 100, 95_000_000, 4_000_000, 12, Now.AddSeconds(-20)),
            new("202011-rt2", "LAN2", "backup", null, false, 100, null, null, null, Now.AddMinutes(-10)),
        ];
        var cut = Render<SiteInterfaces>(p => p.Add(c => c.Interfaces, interfaces).Add(c => c.Now, Now)
            .Add(c => c.Polled, [Polled("202011-rt1", 60), Polled("202011-rt2", 60), Polled("202011-fw1", 60)]));

        var wan = cut.Find("tr[data-device='202011-rt1'][data-ifname='Gi0/0']");
        Assert.Equal("up", wan.GetAttribute("data-oper"));
        Assert.Contains("稼働", wan.TextContent);
        Assert.Equal("95.0 Mbit/s", wan.QuerySelector("[data-col=in]")!.TextContent.Trim());
        Assert.Equal("4.0 Mbit/s", wan.QuerySelector("[data-col=out]")!.TextContent.Trim());
        Assert.Contains("95%", wan.QuerySelector("[data-col=util]")!.TextContent);
        Assert.NotNull(wan.QuerySelector("[data-col=util] .progress-bar.bg-danger"));
        Assert.Contains("text-danger", wan.QuerySelector("[data-col=errors]")!.ClassName);
        Assert.Null(wan.QuerySelector("[data-testid=if-stale]"));

        var backup = cut.Find("tr[data-device='202011-rt2']");
        Assert.Equal("down", backup.GetAttribute("data-oper"));
        Assert.Contains("停止", backup.TextContent);
        Assert.Equal("—", backup.QuerySelector("[data-col=in]")!.TextContent.Trim());
        Assert.Equal("応答なし", backup.QuerySelector("[data-testid=if-stale]")!.TextContent); // 10 min > 3 × 60 s
        // a device the inventory polls that has no poll at all still has its row, saying so
        Assert.Contains("直近30分間にポーリング結果がありません", cut.Find("tr[data-device='202011-fw1']").TextContent);
    }

    [Fact]
    public void A_site_polling_nothing_has_no_interface_card()
    {
        var cut = Render<SiteInterfaces>(p => p.Add(c => c.Interfaces, []).Add(c => c.Polled, []).Add(c => c.Now, Now));
        Assert.Empty(cut.FindAll("[data-testid=site-interfaces]"));
    }

    [Theory]
    [InlineData(999, "999 bit/s")]
    [InlineData(1_500, "1.5 kbit/s")]
    [InlineData(250_000_000, "250 Mbit/s")]
    [InlineData(10_000_000_000, "10.0 Gbit/s")]
    public void Rates_are_in_the_charts_units(double bps, string text) => Assert.Equal(text, SiteInterfaces.Bits(bps));
}
