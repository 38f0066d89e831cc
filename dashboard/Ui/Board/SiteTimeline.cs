using NetOps.Alerting.Store;
using NetOps.Core.Detections;

namespace NetOps.Dashboard.Ui.Board;

/// <summary>A line of a site's timeline: what happened, from which source (event, detection, alert, incident, drill).</summary>
public sealed record SiteTimelineItem(DateTimeOffset Time, string Source, string Kind, string Text, string? Link);

/// <summary>Merges a site's events, detections, alerts and incidents into one timeline, newest first.</summary>
public static class SiteTimeline
{
    public const int Max = 400;

    public static List<SiteTimelineItem> Merge(IEnumerable<SiteEvent> events, IEnumerable<Detection> detections, IEnumerable<AlertView> alerts,
        IEnumerable<IncidentView> incidents, Func<Detection, string> detectionText, Func<AlertView, string> alertText, Func<IncidentView, string> incidentText)
    {
        var items = new List<SiteTimelineItem>();
        items.AddRange(events.Select(e => new SiteTimelineItem(e.Time, "event", e.Kind, e.Device is null ? e.Message : $"{e.Device}: {e.Message}", null)));
        items.AddRange(detections.Select(d => new SiteTimelineItem(d.Time, "detection", d.Kind.ToTag(), detectionText(d), $"/detections?site={d.Site}")));
        items.AddRange(alerts.Select(a => new SiteTimelineItem(a.StartsAt, "alert", a.Kind, alertText(a), $"/alerts/{a.Id}")));
        items.AddRange(incidents.Select(i => new SiteTimelineItem(i.OpenedAt, "incident", i.State, incidentText(i), $"/incidents/{i.Id}")));
        return [.. items.OrderByDescending(i => i.Time).ThenBy(i => i.Source, StringComparer.Ordinal).Take(Max)];
    }
}
