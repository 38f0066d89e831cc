using NetOps.Alerting.Incidents;

namespace NetOps.Dashboard.Reports;

/// <summary>One cause's row of the by-cause table: both periods, the change, the ratio, its share of the period and its rank.</summary>
/// <param name="Category">The cause; null is the incidents whose cause is not set yet.</param>
/// <param name="Ratio">Count / CompareCount, one decimal as the seed prints it (1.8); null when the compared period had none.</param>
/// <param name="Share">Percent of the period's incidents, one decimal.</param>
/// <param name="Rank">By count in the period, 1 for the most; equal counts share a rank.</param>
public sealed record CauseRow(CauseCategory? Category, int CompareCount, int Count, int Change, double? Ratio, double Share, int Rank);

/// <summary>One device type's row of the equipment-failure table (null: the totals): failures from lightning or power, from anything else, and both.</summary>
public sealed record DeviceRow(DeviceType? Device, int LightningOrPower, int Other)
{
    public int Total => LightningOrPower + Other;
}

/// <summary>The seeds' tables for a period and the period it is compared with (issue 12, "Auditors' reports").</summary>
public sealed record IncidentStatistics(
    ReportPeriod Period, ReportPeriod ComparePeriod,
    IReadOnlyList<CauseRow> Causes, CauseRow Total,
    IReadOnlyList<DeviceRow> Devices, DeviceRow DeviceTotal,
    DrillCount? Drills, DrillCount? CompareDrills)
{
    /// <summary>Counts the incidents of both periods by cause, and the period's failed devices by type and cause.</summary>
    public static IncidentStatistics Compute(ReportPeriod period, IReadOnlyCollection<IncidentCause?> causes,
        ReportPeriod comparePeriod, IReadOnlyCollection<IncidentCause?> compareCauses, DrillCount? drills = null, DrillCount? compareDrills = null)
    {
        var now = Count(causes);
        var before = Count(compareCauses);
        int total = causes.Count, compareTotal = compareCauses.Count;
        var rows = new List<CauseRow>();
        // Every category has its row, as in the seed, even at zero; "not set" only when there are some to show.
        IEnumerable<CauseCategory?> categories = Enum.GetValues<CauseCategory>().Select(c => (CauseCategory?)c);
        if (now.ContainsKey(Unset) || before.ContainsKey(Unset)) categories = categories.Append(null);
        foreach (var c in categories)
        {
            int n = now.GetValueOrDefault(Key(c)), b = before.GetValueOrDefault(Key(c));
            rows.Add(new CauseRow(c, b, n, n - b, Ratio(n, b), Share(n, total), 1 + now.Count(kv => kv.Value > n)));
        }
        var devices = Enum.GetValues<DeviceType>().Select(d => new DeviceRow((DeviceType?)d,
            causes.Count(c => c is { IsEquipmentFailure: true, Category: CauseCategory.LightningOrPower } && c.Device == d),
            causes.Count(c => c is { IsEquipmentFailure: true, Category: CauseCategory.EquipmentFailure } && c.Device == d))).ToList();
        return new IncidentStatistics(period, comparePeriod, rows,
            new CauseRow(null, compareTotal, total, total - compareTotal, Ratio(total, compareTotal), total == 0 ? 0 : 100, 0),
            devices, new DeviceRow(null, devices.Sum(d => d.LightningOrPower), devices.Sum(d => d.Other)), drills, compareDrills);
    }

    // A key for "no cause yet" beside the real categories, so one dictionary counts both.
    private const int Unset = -1;

    private static int Key(CauseCategory? category) => category is { } c ? (int)c : Unset;

    private static Dictionary<int, int> Count(IEnumerable<IncidentCause?> causes) =>
        causes.GroupBy(c => Key(c?.Category)).ToDictionary(g => g.Key, g => g.Count());

    private static double? Ratio(int count, int compareCount) => compareCount == 0 ? null : Math.Round((double)count / compareCount, 1, MidpointRounding.AwayFromZero);

    private static double Share(int count, int total) => total == 0 ? 0 : Math.Round(100.0 * count / total, 1, MidpointRounding.AwayFromZero);
}
