namespace NetOps.Dashboard.Reports;

/// <summary>How many drills a period held, and what was counted (the report says it beside the figure).</summary>
public sealed record DrillCount(int Count, string What);

/// <summary>
/// Counts the failover drills (危機管理対応訓練) of a period for the statistics (<see cref="StoreDrillCounter"/>: the
/// drill store's records).
/// </summary>
public interface IDrillCounter
{
    Task<DrillCount> CountAsync(ReportPeriod period, CancellationToken cancellationToken);
}
