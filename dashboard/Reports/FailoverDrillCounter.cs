using Microsoft.Extensions.Localization;
using NetOps.Core.Detections;
using NetOps.Dashboard.Resources;

namespace NetOps.Dashboard.Reports;

/// <summary>
/// Until drills are recorded as drills, a drill is a completed failover: a <c>switchback</c> detection (primary down,
/// backup carried, primary back), which is what the simulator's drills and a real drill both leave. It also counts a
/// real outage that recovered, and the report says so.
/// </summary>
public sealed class FailoverDrillCounter(DetectionStore detections, IStringLocalizer<Strings> l) : IDrillCounter
{
    /// <summary>The most detections read for one period; more and the figure says 「以上」.</summary>
    public const int Limit = 10_000;

    public async Task<DrillCount> CountAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var found = await detections.QueryAsync(new DetectionFilter
        {
            Kinds = [DetectionKind.Switchback], From = period.From, To = period.To, Limit = Limit,
        }, cancellationToken);
        return new DrillCount(found.Count, found.Count >= Limit ? l["ReportDrillsCountedCapped", Limit] : l["ReportDrillsCounted"]);
    }
}
