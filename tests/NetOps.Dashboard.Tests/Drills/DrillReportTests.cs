using NetOps.Alerting.Store;
using NetOps.Core.Detections;
using NetOps.Core.Drills;
using NetOps.Dashboard.Drills;

namespace NetOps.Dashboard.Tests.Drills;

/// <summary>A drill scored from what NetOps recorded: each measure against its target, and what nobody saw.</summary>
public sealed class DrillReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    private static Drill NewDrill(string scenario = DrillScenarios.PrimaryDownThenSwitchback, DateTimeOffset? ended = null) =>
        new(7, "訓練", ["212016", "202011"], scenario, ["sora"], new DrillTargets { DetectSeconds = 30, AcknowledgeSeconds = 120, TakeoverSeconds = 20, SwitchbackSeconds = 600 },
            ended is null ? "running" : "ended", T0, "opal", T0.AddHours(1), ended, ended is null ? null : "opal", "operator");

    private static Detection D(string site, DetectionKind kind, double secondsAfterStart, Dictionary<string, double>? durations = null) => new()
    {
        Time = T0.AddSeconds(secondsAfterStart), Site = site, Detector = "failover", Kind = kind, Message = kind.ToString(),
        Durations = durations ?? [],
    };

    private static AlertView A(long id, string site, double startsAfter, double? ackAfter) =>
        new(id, $"fp{id}", site, "failover_started", "warning", ackAfter is null ? "firing" : "acknowledged", T0.AddSeconds(startsAfter), null, null, null,
            ackAfter is null ? null : "sora", ackAfter is { } a ? T0.AddSeconds(a) : null, "detection", null, null,
            new Dictionary<string, string> { ["drill"] = "7" }, new Dictionary<string, string>(), []);

    [Fact]
    public void Each_site_is_scored_on_detect_acknowledge_takeover_and_switchback()
    {
        var report = DrillReport.Score(NewDrill(),
        [
            D("212016", DetectionKind.FailoverStarted, 12),
            D("212016", DetectionKind.BackupCarrying, 40, new() { ["takeover"] = 28 }),
            D("212016", DetectionKind.Switchback, 400, new() { ["total"] = 388, ["takeover"] = 28 }),
            D("202011", DetectionKind.FailoverStarted, 45),
            D("131016", DetectionKind.FailoverStarted, 5), // not a drilled site
        ], [A(1, "212016", 12, 70), A(2, "202011", 45, null)]);

        var gifu = report.Sites.Single(s => s.Site == "212016");
        Assert.Equal([(DrillReport.Detect, 12.0, true), (DrillReport.Acknowledge, 58.0, true), (DrillReport.Takeover, 28.0, false), (DrillReport.Switchback, 388.0, true)],
            gifu.Measures.Select(m => (m.Name, m.Seconds!.Value, m.Met)));
        Assert.Empty(gifu.Missed);
        var nagano = report.Sites.Single(s => s.Site == "202011");
        Assert.False(nagano.Measures[0].Met); // 45 s against 30
        Assert.Equal([DrillReport.Acknowledge, DrillReport.Takeover, DrillReport.Switchback], nagano.Missed);
        Assert.Equal((3, 8, false), (report.Met, report.Total, report.Passed)); // 212016: all but the takeover (28 s against 20)
    }

    [Fact]
    public void An_outage_drill_has_no_takeover_or_switchback_to_score()
    {
        var report = DrillReport.Score(NewDrill(DrillScenarios.Outage), [D("212016", DetectionKind.Outage, 3), D("202011", DetectionKind.Outage, 4)],
            [A(1, "212016", 3, 10), A(2, "202011", 4, 20)]);
        Assert.All(report.Sites, s => Assert.Equal([DrillReport.Detect, DrillReport.Acknowledge], s.Measures.Select(m => m.Name)));
        Assert.True(report.Passed);
    }

    [Fact]
    public void Evidence_a_moment_before_the_start_or_after_the_end_still_belongs_to_the_drill_and_more_does_not()
    {
        var ended = NewDrill(ended: T0.AddSeconds(60));
        Assert.True(ended.Covers("212016", T0.AddSeconds(-3)));
        Assert.False(ended.Covers("212016", T0.AddSeconds(-30)));
        Assert.False(ended.Covers("131016", T0.AddSeconds(10)));
        Assert.False(ended.Covers("212016", T0.AddSeconds(61)));
        var report = DrillReport.Score(ended, [D("212016", DetectionKind.Switchback, 90, new() { ["total"] = 80 }), D("202011", DetectionKind.Switchback, 60 + 600)], []);
        Assert.Equal(80, report.Sites[0].Measures.Single(m => m.Name == DrillReport.Switchback).Seconds);
        Assert.Null(report.Sites[1].Measures.Single(m => m.Name == DrillReport.Switchback).Seconds);
    }

    [Fact]
    public void Targets_out_of_range_are_named()
    {
        Assert.Equal("targets.takeoverSeconds: 1 to 86400", (new DrillTargets { TakeoverSeconds = 0 }).Validate());
        Assert.Null(DrillTargets.Default.Validate());
    }
}
