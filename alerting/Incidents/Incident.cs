using NetOps.Alerting.Resources;

namespace NetOps.Alerting.Incidents;

public enum IncidentState { Open, Closed }

/// <summary>What a timeline line records.</summary>
public enum IncidentEventKind { Opened, AlertChanged, Notification, Acknowledgement, Note, CauseSet, Closed, Reopened }

/// <summary>One line of an incident's timeline: when, what, who (null for NetOps itself) and the text.</summary>
public sealed record IncidentEvent(DateTimeOffset Time, IncidentEventKind Kind, string? Actor, string Text);

/// <summary>
/// An incident: opened from an alert group or by hand, with the sites it touched, a timeline of every state
/// change, notification, acknowledgement and note, a cause category from the seeds' tables, and a root cause
/// when it closes. Closing needs both, because the auditors' tables count incidents by cause.
/// </summary>
public sealed class Incident
{
    readonly List<IncidentEvent> _timeline = [];
    readonly SortedSet<string> _sites = new(StringComparer.Ordinal);

    public Incident(string id, string title, DateTimeOffset openedAt, string? openedBy, string? groupKey, IEnumerable<string> sites)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Id = id;
        Title = title;
        OpenedAt = openedAt;
        GroupKey = groupKey;
        _sites.UnionWith(sites);
        _timeline.Add(new IncidentEvent(openedAt, IncidentEventKind.Opened, openedBy,
            groupKey is null ? AlertMailText.Get("IncidentOpenedByHand") : AlertMailText.Format("IncidentOpenedFromGroup", groupKey)));
    }

    Incident(string id, string title, DateTimeOffset openedAt, string? groupKey)
    {
        Id = id;
        Title = title;
        OpenedAt = openedAt;
        GroupKey = groupKey;
    }

    /// <summary>An incident as stored (state DB), with its timeline.</summary>
    public static Incident Restore(string id, string title, DateTimeOffset openedAt, string? groupKey, IEnumerable<string> sites, IncidentState state,
        IncidentCause? cause, string? rootCause, DateTimeOffset? closedAt, IEnumerable<IncidentEvent> timeline)
    {
        var incident = new Incident(id, title, openedAt, groupKey) { State = state, Cause = cause, RootCause = rootCause, ClosedAt = closedAt };
        incident._sites.UnionWith(sites);
        incident._timeline.AddRange(timeline);
        return incident;
    }

    public string Id { get; }
    public string Title { get; }
    public DateTimeOffset OpenedAt { get; }
    /// <summary>The alert group it was opened from, or null when a person opened it by hand.</summary>
    public string? GroupKey { get; }
    public IncidentState State { get; private set; }
    public IncidentCause? Cause { get; private set; }
    public string? RootCause { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public IReadOnlyCollection<string> AffectedSites => _sites;
    public IReadOnlyList<IncidentEvent> Timeline => _timeline;

    /// <summary>Records an alert's change, a mail sent or an acknowledgement; a new site joins the affected ones.</summary>
    public void Record(DateTimeOffset time, IncidentEventKind kind, string? actor, string text, string? site = null)
    {
        if (kind is IncidentEventKind.Opened or IncidentEventKind.Closed or IncidentEventKind.Reopened or IncidentEventKind.CauseSet)
            throw new ArgumentException($"{kind} is recorded by its own method", nameof(kind));
        if (site is not null) _sites.Add(site);
        _timeline.Add(new IncidentEvent(time, kind, actor, text));
    }

    public string? AddNote(DateTimeOffset time, string user, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "note: empty";
        _timeline.Add(new IncidentEvent(time, IncidentEventKind.Note, user, text.Trim()));
        return null;
    }

    public string? SetCause(DateTimeOffset time, string user, IncidentCause cause)
    {
        if (cause.Validate() is { } error) return error;
        Cause = cause;
        _timeline.Add(new IncidentEvent(time, IncidentEventKind.CauseSet, user, Describe(cause)));
        return null;
    }

    /// <summary>Closes the incident; refused (with the reason) without a cause or a root cause, or when it is closed already.</summary>
    public string? Close(DateTimeOffset time, string user, string rootCause)
    {
        if (State is IncidentState.Closed) return "the incident is already closed";
        if (Cause is null) return "cause: set the cause category before closing";
        if (string.IsNullOrWhiteSpace(rootCause)) return "rootCause: say what caused it";
        RootCause = rootCause.Trim();
        State = IncidentState.Closed;
        ClosedAt = time;
        _timeline.Add(new IncidentEvent(time, IncidentEventKind.Closed, user, RootCause));
        return null;
    }

    public string? Reopen(DateTimeOffset time, string user, string reason)
    {
        if (State is IncidentState.Open) return "the incident is open";
        if (string.IsNullOrWhiteSpace(reason)) return "reason: say why it is reopened";
        State = IncidentState.Open;
        ClosedAt = null;
        _timeline.Add(new IncidentEvent(time, IncidentEventKind.Reopened, user, reason.Trim()));
        return null;
    }

    /// <summary>The cause as the timeline says it, in the seeds' words: 機器障害（ルータ）.</summary>
    static string Describe(IncidentCause cause) =>
        AlertMailText.Get("Cause_" + cause.Category)
        + (cause.Device is { } device ? $"（{AlertMailText.Get("Device_" + device)}）" : "")
        + (cause.Leak is { } leak ? $"（{AlertMailText.Get("Leak_" + leak)}）" : "");
}
