using NetOps.Alerting.Incidents;
using NetOps.Dashboard.Reports;

namespace NetOps.Dashboard.Tests.Reports;

public sealed class IncidentStatisticsTests
{
    private static readonly ReportPeriod Fy2020 = ReportPeriod.FiscalYear(2020), Fy2019 = ReportPeriod.FiscalYear(2019);

    private static IEnumerable<IncidentCause?> Many(int n, CauseCategory category, DeviceType? device = null) =>
        Enumerable.Repeat<IncidentCause?>(new IncidentCause(category, device), n);

    [Fact]
    public void Each_cause_has_both_counts_the_change_the_ratio_its_share_and_its_rank()
    {
        var now = Many(6, CauseCategory.LineFailure).Concat(Many(3, CauseCategory.EquipmentFailure, DeviceType.Router)).Concat(Many(3, CauseCategory.Other)).ToList();
        var before = Many(4, CauseCategory.LineFailure).Concat(Many(2, CauseCategory.Other)).ToList();

        var s = IncidentStatistics.Compute(Fy2020, now, Fy2019, before);

        var line = s.Causes.Single(r => r.Category == CauseCategory.LineFailure);
        Assert.Equal((4, 6, 2, 1.5, 50.0, 1), (line.CompareCount, line.Count, line.Change, line.Ratio!.Value, line.Share, line.Rank));
        var equipment = s.Causes.Single(r => r.Category == CauseCategory.EquipmentFailure);
        Assert.Null(equipment.Ratio); // nothing to compare with
        Assert.Equal(2, equipment.Rank);
        Assert.Equal(2, s.Causes.Single(r => r.Category == CauseCategory.Other).Rank); // equal counts share a rank
        Assert.Equal(4, s.Causes.Single(r => r.Category == CauseCategory.Misdelivery).Rank); // and the next rank skips
        Assert.Equal((6, 12, 6, 2.0, 100.0), (s.Total.CompareCount, s.Total.Count, s.Total.Change, s.Total.Ratio!.Value, s.Total.Share));
    }

    [Fact]
    public void Every_category_has_a_row_and_incidents_without_a_cause_get_one_so_the_total_adds_up()
    {
        var s = IncidentStatistics.Compute(Fy2020, [null, new IncidentCause(CauseCategory.Misdelivery)], Fy2019, []);

        Assert.Equal(Enum.GetValues<CauseCategory>().Length + 1, s.Causes.Count);
        Assert.Equal(1, s.Causes.Single(r => r.Category is null).Count);
        Assert.Equal(s.Total.Count, s.Causes.Sum(r => r.Count));
        Assert.DoesNotContain(IncidentStatistics.Compute(Fy2020, [], Fy2019, []).Causes, r => r.Category is null);
    }

    [Fact]
    public void Equipment_failures_count_by_device_type_and_split_lightning_or_power_from_other_causes()
    {
        var now = Many(2, CauseCategory.EquipmentFailure, DeviceType.Switch)
            .Concat(Many(1, CauseCategory.LightningOrPower, DeviceType.Switch))
            .Concat(Many(4, CauseCategory.LightningOrPower)) // a power cut that broke no device is not an equipment failure
            .Concat(Many(1, CauseCategory.EquipmentFailure, DeviceType.Server)).ToList();

        var s = IncidentStatistics.Compute(Fy2020, now, Fy2019, []);

        Assert.Equal((1, 2, 3), Cells(s.Devices.Single(d => d.Device == DeviceType.Switch)));
        Assert.Equal((0, 1, 1), Cells(s.Devices.Single(d => d.Device == DeviceType.Server)));
        Assert.Equal((1, 3, 4), Cells(s.DeviceTotal));
        Assert.Equal(5, s.Devices.Count);
        static (int, int, int) Cells(DeviceRow d) => (d.LightningOrPower, d.Other, d.Total);
    }
}
