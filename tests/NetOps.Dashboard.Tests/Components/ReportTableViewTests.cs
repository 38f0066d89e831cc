using Bunit;
using NetOps.Dashboard.Components.Reports;
using NetOps.Dashboard.Reports;

namespace NetOps.Dashboard.Tests.Components;

public sealed class ReportTableViewTests : BunitHost
{
    private static readonly ReportTable Table = new("原因別", "原因別インシデント件数", ["原因", "FY2019", "FY2020", "比率"],
    [
        [new ReportCell("機器障害"), ReportCell.Of(71), ReportCell.Of(142), new ReportCell("2.0×", 2)],
        [new ReportCell("合計"), ReportCell.Of(214), ReportCell.Of(1386), new ReportCell("—")],
    ], [1, 1, 1, 1], ["注記"]);

    [Fact]
    public void The_table_shows_the_caption_headings_and_figures_right_aligned_with_the_totals_row_marked()
    {
        var cut = Render<ReportTableView>(p => p.Add(c => c.Table, Table).Add(c => c.Total, true));

        Assert.Equal("原因別インシデント件数", cut.Find("h2").TextContent);
        Assert.Equal(["原因", "FY2019", "FY2020", "比率"], cut.FindAll("thead th").Select(th => th.TextContent));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal("機器障害", rows[0].QuerySelector("th")!.TextContent);
        Assert.Equal(["71", "142", "2.0×"], rows[0].QuerySelectorAll("td.text-end").Select(td => td.TextContent));
        Assert.Equal("1,386", rows[1].QuerySelectorAll("td")[1].TextContent);
        Assert.DoesNotContain("text-end", rows[1].QuerySelectorAll("td")[2].ClassName ?? "");
        Assert.Contains("fw-semibold", rows[1].ClassName);
        Assert.DoesNotContain("fw-semibold", rows[0].ClassName ?? "");
        Assert.Equal("注記", cut.Find("p").TextContent);
    }
}
