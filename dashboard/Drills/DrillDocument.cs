using System.Globalization;
using Microsoft.Extensions.Localization;
using NetOps.Core.Detections;
using NetOps.Core.Inventory;
using NetOps.Dashboard.Reports;
using NetOps.Dashboard.Resources;
using NetOps.Dashboard.Ui;

namespace NetOps.Dashboard.Drills;

/// <summary>A drill report as a <see cref="ReportDocument"/>, so the PDF (and CSV, XLSX) writers of the auditors' reports print it.</summary>
public static class DrillDocument
{
    public static ReportDocument Build(DrillReport report, IInventorySource inventory, IStringLocalizer<Strings> l)
    {
        var d = report.Drill;
        string Name(string code) => inventory.Current.FindSite(code)?.Name ?? code;
        var header = new List<string>
        {
            l["DrillDocHeader", d.Id, d.Title],
            l["DrillDocTimes", JstTime.Absolute(d.StartedAt), d.EndedAt is { } e ? JstTime.Absolute(e) : l["DrillRunning"].Value, d.StartedBy],
            l["DrillDocScenario", l["DrillScenario_" + d.Scenario], string.Join("、", d.Roster)],
            l["DrillDocResult", report.Met, report.Total, report.Passed ? l["DrillPassed"].Value : l["DrillNotPassed"].Value],
            l["ReportTimesInJst"],
        };
        var rows = new List<IReadOnlyList<ReportCell>>();
        foreach (var s in report.Sites)
            foreach (var m in s.Measures)
                rows.Add([$"{s.Site} {Name(s.Site)}", l["DrillMeasure_" + m.Name].Value,
                    m.Seconds is { } sec ? new ReportCell(sec.ToString("0.#", CultureInfo.InvariantCulture), Math.Round(sec, 1)) : new ReportCell(l["DrillNotSeen"]),
                    new ReportCell(m.TargetSeconds.ToString("0.#", CultureInfo.InvariantCulture), m.TargetSeconds),
                    m.Met ? l["DrillMet"].Value : m.Seen ? l["DrillMissedTarget"].Value : l["DrillMissed"].Value]);
        var events = report.Detections.OrderBy(x => x.Time)
            .Select(x => (IReadOnlyList<ReportCell>)[JstTime.Absolute(x.Time), $"{x.Site} {Name(x.Site)}", l["DetKind_" + x.Kind.ToTag()].Value, x.Message])
            .Concat(report.Alerts.OrderBy(a => a.StartsAt).Select(a => (IReadOnlyList<ReportCell>)[JstTime.Absolute(a.StartsAt), $"{a.Site} {Name(a.Site)}",
                l["TimelineAlert", a.Id, l["AlertState_" + a.State]].Value, a.AcknowledgedBy is { } by ? l["DrillAckedBy", by, JstTime.Absolute(a.AcknowledgedAt!.Value)].Value : ""]))
            .ToList();
        return new ReportDocument(l["DrillDocTitle"], $"netops-drill-{d.Id}", header,
        [
            new ReportTable(l["DrillSheetScores"], l["DrillScoresCaption"], [l["ColSite"], l["DrillColMeasure"], l["DrillColSeconds"], l["DrillColTarget"], l["DrillColResult"]], rows, [3, 3, 1.4, 1.4, 2]),
            new ReportTable(l["DrillSheetEvents"], l["DrillEventsCaption"], [l["DrillColTime"], l["ColSite"], l["DrillColWhat"], l["DrillColDetail"]], events, [2.2, 2.5, 2.5, 5]),
        ]);
    }
}
