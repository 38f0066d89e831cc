using NetOps.Alerting.Engine;
using NetOps.Alerting.Store;
using NetOps.Core.Detections;
using NetOps.Core.Drills;

namespace NetOps.Dashboard.Drills;

/// <summary>Reads what a drill needs for its report (its sites' detections, its alerts) and scores it.</summary>
public sealed class DrillReports(DrillStore drills, DetectionStore detections, IServiceProvider services)
{
    public async Task<DrillReport?> ReportAsync(long id, CancellationToken cancellationToken = default)
    {
        if (await drills.FindAsync(id, cancellationToken) is not { } drill) return null;
        var end = (drill.EndedAt ?? drill.PlannedEndAt) + DrillReport.Slack;
        var found = await detections.QueryAsync(new DetectionFilter { Sites = drill.Sites, From = drill.StartedAt - Drill.ClockSlack, To = end, Limit = 2000 }, cancellationToken);
        IReadOnlyList<AlertView> alerts = [];
        if (services.GetService<AlertStore>() is { } store)
        {
            string key = drill.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            alerts = [.. (await store.ListAsync("all", 5000, cancellationToken)).Where(a => a.Labels.TryGetValue(AlertingEngine.DrillLabel, out var d) && d == key)];
        }
        return DrillReport.Score(drill, found, alerts);
    }
}
