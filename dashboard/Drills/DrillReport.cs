using NetOps.Alerting.Store;
using NetOps.Core.Detections;
using NetOps.Core.Drills;

namespace NetOps.Dashboard.Drills;

/// <summary>One scored measure of a drill: what was measured, the target, whether it was met; null seconds when it was not seen.</summary>
public sealed record DrillMeasure(string Name, double? Seconds, double TargetSeconds)
{
    public bool Seen => Seconds is not null;
    public bool Met => Seconds is { } s && s <= TargetSeconds;
}

/// <summary>A site's part of a drill: its measures and what was missed.</summary>
public sealed record DrillSiteReport(string Site, IReadOnlyList<DrillMeasure> Measures, IReadOnlyList<string> Missed, long? AlertId)
{
    public int Met => Measures.Count(m => m.Met);
}

/// <summary>A drill scored against its targets: per site, and overall (passed when every measure of every site was met).</summary>
public sealed record DrillReport(Drill Drill, IReadOnlyList<DrillSiteReport> Sites, IReadOnlyList<Detection> Detections, IReadOnlyList<AlertView> Alerts)
{
    public int Met => Sites.Sum(s => s.Met);
    public int Total => Sites.Sum(s => s.Measures.Count);
    public bool Passed => Total > 0 && Met == Total;

    /// <summary>Measure names, in the order a drill runs.</summary>
    public const string Detect = "detect", Acknowledge = "acknowledge", Takeover = "takeover", Switchback = "switchback";

    /// <summary>How long after its end a drill still claims its sites' detections.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Scores a drill from what NetOps recorded while it ran: per site, time to detect (drill start → the first
    /// failover or outage detection's first evidence), time to acknowledge (the drill alert's start → its
    /// acknowledgement), time for the backup to carry (the analyzer's takeover), and time to switch back (the primary
    /// failing → carrying again, the switchback's total). A phase the scenario expects and nobody saw is missed.
    /// </summary>
    public static DrillReport Score(Drill drill, IReadOnlyList<Detection> detections, IReadOnlyList<AlertView> alerts)
    {
        var sites = new List<DrillSiteReport>();
        // The switchback is what tells an operator the drill is over, so the drill is often ended at once: a detection
        // whose evidence is stamped a little after the end (device clocks) still belongs to it.
        var end = (drill.EndedAt ?? drill.PlannedEndAt) + Slack;
        foreach (var site in drill.Sites)
        {
            var mine = detections.Where(d => d.Site == site && d.Time >= drill.StartedAt - Drill.ClockSlack && d.Time <= end).OrderBy(d => d.Time).ToList();
            var failure = mine.FirstOrDefault(d => d.Kind is DetectionKind.FailoverStarted or DetectionKind.Outage);
            var carrying = mine.FirstOrDefault(d => d.Kind == DetectionKind.BackupCarrying && (failure is null || d.Time >= failure.Time));
            var back = mine.FirstOrDefault(d => d.Kind == DetectionKind.Switchback && (failure is null || d.Time >= failure.Time));
            var alert = alerts.Where(a => a.Site == site).OrderBy(a => a.StartsAt).FirstOrDefault();
            var t = drill.Targets;
            List<DrillMeasure> measures =
            [
                new(Detect, failure is null ? null : Math.Max(0, (failure.Time - drill.StartedAt).TotalSeconds), t.DetectSeconds),
                new(Acknowledge, alert?.AcknowledgedAt is { } acked ? Math.Max(0, (acked - alert.StartsAt).TotalSeconds) : null, t.AcknowledgeSeconds),
            ];
            if (drill.Scenario == DrillScenarios.PrimaryDownThenSwitchback)
            {
                double? takeover = carrying is null ? back?.Durations.GetValueOrDefault("takeover") is > 0 and var b ? b : null
                    : carrying.Durations.TryGetValue("takeover", out var tk) ? tk : (carrying.Time - (failure?.Time ?? drill.StartedAt)).TotalSeconds;
                measures.Add(new(Takeover, takeover, t.TakeoverSeconds));
                measures.Add(new(Switchback, back is null ? null : back.Durations.TryGetValue("total", out var total) ? total : (back.Time - (failure?.Time ?? drill.StartedAt)).TotalSeconds, t.SwitchbackSeconds));
            }
            sites.Add(new DrillSiteReport(site, measures, [.. measures.Where(m => !m.Seen).Select(m => m.Name)], alert?.Id));
        }
        return new DrillReport(drill, sites, detections, alerts);
    }
}
