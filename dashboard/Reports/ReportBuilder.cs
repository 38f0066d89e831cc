using System.Globalization;
using Microsoft.Extensions.Localization;
using NetOps.Alerting.Store;
using NetOps.Dashboard.Resources;
using NetOps.Dashboard.Ui;

namespace NetOps.Dashboard.Reports;

/// <summary>
/// Lays incidents and statistics out as <see cref="ReportDocument"/>s, in the screen's words (<c>Strings.resx</c>):
/// the cause as <see cref="IncidentText"/> says it, the state and timeline kinds as the incident page does.
/// </summary>
public sealed class ReportBuilder(IStringLocalizer<Strings> l, TimeProvider time)
{
    public ReportDocument Incidents(ReportPeriod period, IReadOnlyList<IncidentView> incidents, bool truncated)
    {
        var list = incidents.Select(i => (IReadOnlyList<ReportCell>)[
            Id(i.Id), i.Title, l["IncidentState_" + i.State].Value, JstTime.Absolute(i.OpenedAt), i.ClosedAt is { } c ? JstTime.Absolute(c) : "",
            i.Cause is { } cause ? IncidentText.Cause(l, cause) : l["ReportCauseUnset"].Value, i.RootCause ?? "", string.Join(" ", i.Sites),
        ]).ToList();
        var lines = incidents.SelectMany(i => i.Timeline.Select(t => (IReadOnlyList<ReportCell>)[
            Id(i.Id), JstTime.Absolute(t.Time), l["IncidentLine_" + t.Kind].ResourceNotFound ? t.Kind : l["IncidentLine_" + t.Kind].Value, t.Actor ?? "NetOps", t.Text,
        ])).ToList();
        var header = Header(period);
        if (truncated) header.Add(l["ReportTruncated", incidents.Count]);
        return new ReportDocument(l["ReportIncidentsTitle"], "netops-incidents", header,
        [
            new ReportTable(l["ReportSheetIncidents"], l["ReportIncidentsCaption", incidents.Count],
                [l["ReportColId"], l["IncidentTitle"], l["ReportColState"], l["ReportColOpenedAt"], l["ReportColClosedAt"], l["IncidentCause"], l["ReportColRootCause"], l["IncidentSites"]],
                list, [5, 22, 6, 13, 13, 14, 18, 9]),
            new ReportTable(l["ReportSheetTimeline"], l["ReportTimelineCaption"],
                [l["ReportColId"], l["ReportColTime"], l["ReportColKind"], l["ReportColActor"], l["ReportColText"]],
                lines, [5, 13, 7, 9, 66]),
        ]);
    }

    public ReportDocument Statistics(IncidentStatistics s)
    {
        string now = s.Period.Label, before = s.ComparePeriod.Label;
        var causes = s.Causes.Append(s.Total).Select(r => (IReadOnlyList<ReportCell>)[
            ReferenceEquals(r, s.Total) ? l["ReportTotal"].Value : r.Category is { } c ? l["Cause_" + c].Value : l["ReportCauseUnset"].Value,
            ReportCell.Of(r.CompareCount), ReportCell.Of(r.Count),
            new ReportCell(r.Change.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture), r.Change),
            r.Ratio is { } x ? new ReportCell(x.ToString("0.0", CultureInfo.InvariantCulture) + "×", x) : "—",
            new ReportCell(r.Share.ToString("0.0", CultureInfo.InvariantCulture) + "%", r.Share),
            r.Rank > 0 ? ReportCell.Of(r.Rank) : "",
        ]).ToList();
        var devices = s.Devices.Append(s.DeviceTotal).Select(r => (IReadOnlyList<ReportCell>)[
            r.Device is { } d ? l["Device_" + d].Value : l["ReportTotal"].Value, ReportCell.Of(r.LightningOrPower), ReportCell.Of(r.Other), ReportCell.Of(r.Total),
        ]).ToList();
        var drills = new List<IReadOnlyList<ReportCell>>
        {
            new ReportCell[] { before, s.CompareDrills is { } b ? ReportCell.Of(b.Count) : "—" },
            new ReportCell[] { now, s.Drills is { } n ? ReportCell.Of(n.Count) : "—" },
        };
        var header = Header(s.Period);
        header.Insert(1, l["ReportComparePeriod", before]);
        return new ReportDocument(l["ReportStatisticsTitle"], "netops-statistics", header,
        [
            new ReportTable(l["ReportSheetByCause"], l["ReportByCauseCaption"],
                [l["IncidentCause"], before, now, l["ReportColChange"], l["ReportColRatio"], l["ReportColShare"], l["ReportColRank"]],
                causes, [20, 14, 14, 9, 9, 9, 7]),
            new ReportTable(l["ReportSheetEquipment"], l["ReportEquipmentCaption", now],
                [l["ReportColDevice"], l["Cause_LightningOrPower"], l["ReportColOtherCause"], l["ReportTotal"]],
                devices, [20, 12, 12, 12]),
            new ReportTable(l["ReportSheetDrills"], l["ReportDrillsCaption"], [l["ReportColPeriod"], l["ReportColDrills"]], drills, [20, 12],
                (s.Drills ?? s.CompareDrills) is { } what ? [what.What] : [l["ReportDrillsUnavailable"]]),
        ]);
    }

    private List<string> Header(ReportPeriod period) =>
        [l["ReportPeriod", period.Label], l["ReportTimesInJst"], l["ReportMadeAt", JstTime.Absolute(time.GetUtcNow())]];

    private static ReportCell Id(long id) => new(id.ToString(CultureInfo.InvariantCulture), id);
}
