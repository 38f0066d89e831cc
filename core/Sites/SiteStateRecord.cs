namespace NetOps.Core.Sites;

/// <summary>A site's current state as the analyzer last decided it (table <c>site_states</c>).</summary>
public sealed class SiteStateRecord
{
    public string Site { get; set; } = "";
    /// <summary><see cref="SiteStates.ToTag"/> of the state.</summary>
    public string State { get; set; } = "unknown";
    /// <summary>primary, backup or none.</summary>
    public string ActiveLine { get; set; } = "none";
    /// <summary>Since when the site is in this state.</summary>
    public DateTimeOffset Since { get; set; }
    /// <summary>Why (English, one line).</summary>
    public string? Reason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
