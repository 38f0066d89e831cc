using Microsoft.Extensions.Localization;
using NetOps.Core.Drills;
using NetOps.Dashboard.Resources;

namespace NetOps.Dashboard.Reports;

/// <summary>Counts the drills of the drill store that started in a period and were not cancelled (operators' and simulated).</summary>
public sealed class StoreDrillCounter(DrillStore drills, IStringLocalizer<Strings> l) : IDrillCounter
{
    public async Task<DrillCount> CountAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var found = await drills.ListAsync(period.From, period.To, 5000, cancellationToken);
        var held = found.Where(d => d.State != "cancelled").ToList();
        return new DrillCount(held.Count, l["ReportDrillsCounted", held.Count(d => d.Origin == "simulator")]);
    }
}
