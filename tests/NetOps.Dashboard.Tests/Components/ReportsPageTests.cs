using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NetOps.Alerting.Incidents;
using NetOps.Core.Audit;
using NetOps.Dashboard.Reports;
using NetOps.Dashboard.Tests.Reports;

namespace NetOps.Dashboard.Tests.Components;

public sealed class ReportsPageTests : BunitHost, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private ReportTestDb _db = null!;

    private sealed class NoDrills : IDrillCounter
    {
        public Task<DrillCount> CountAsync(ReportPeriod period, CancellationToken cancellationToken) => Task.FromResult(new DrillCount(0, "none"));
    }

    public async ValueTask InitializeAsync()
    {
        // 2021-05-10 JST: FY2021, so the page opens on FY2020 beside FY2019.
        _db = await ReportTestDb.CreateAsync(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero), Ct);
        var opened = await _db.Incidents.OpenAsync("ルータ故障", ["352012"], null, AuditActor.System, Ct);
        await _db.Incidents.SetCauseAsync(opened.Id, new IncidentCause(CauseCategory.EquipmentFailure, DeviceType.Router), AuditActor.System, Ct);
        _db.Time.SetUtcNow(new DateTimeOffset(2021, 5, 10, 0, 0, 0, TimeSpan.Zero));
        Services.AddSingleton<TimeProvider>(_db.Time);
        Services.AddSingleton(_db.Reports(new NoDrills()));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public void The_page_opens_on_last_fiscal_year_against_the_one_before_with_the_tables_and_the_download_links()
    {
        var cut = Render<NetOps.Dashboard.Components.Pages.Reports>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=report-table]").Count));
        var byCause = cut.FindAll("[data-testid=report-table]")[0];
        Assert.Contains("2020-04-01〜2021-03-31", byCause.QuerySelector("thead")!.TextContent);
        var equipment = byCause.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "機器障害");
        Assert.Equal(["0", "1", "+1", "—", "100.0%", "1"], equipment.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Contains(cut.FindAll("a[data-testid=download-pdf]"), a =>
            a.GetAttribute("href") == "/api/v1/reports/statistics.pdf?from=2020-04-01&to=2021-03-31&compareFrom=2019-04-01&compareTo=2020-03-31");
        Assert.Contains(cut.FindAll("a[data-testid=download-xlsx]"), a => a.GetAttribute("href") == "/api/v1/reports/incidents.xlsx?from=2020-04-01&to=2021-03-31");
    }
}
