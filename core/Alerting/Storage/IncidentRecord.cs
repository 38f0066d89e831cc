namespace NetOps.Core.Alerting.Storage;

/// <summary>An incident (table <c>incidents</c>): opened from an alert group or by hand, closed with a cause and a root cause.</summary>
public sealed class IncidentRecord
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>open or closed.</summary>
    public string State { get; set; } = "open";
    public DateTimeOffset OpenedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    /// <summary>The alert group it was opened from, or null.</summary>
    public string? GroupKey { get; set; }
    /// <summary>The affected sites as a JSON list of codes.</summary>
    public string SitesJson { get; set; } = "[]";
    /// <summary>The cause category (<c>LineFailure</c>, <c>EquipmentFailure</c>…), its device type and leak kind; null until set.</summary>
    public string? Cause { get; set; }
    public string? CauseDevice { get; set; }
    public string? CauseLeak { get; set; }
    public string? RootCause { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>The incident's own timeline as JSON (opened, notes, cause, closed, reopened); the group's alert changes and pages are read beside it.</summary>
    public string TimelineJson { get; set; } = "[]";
    public DateTimeOffset UpdatedAt { get; set; }
}
