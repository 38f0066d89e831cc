namespace NetOps.Core.Sites;

/// <summary>A site's state as <c>GET /api/v1/sites</c> and the screen show it (DESIGN.md).</summary>
public enum SiteState
{
    Unknown,
    Up,
    Backup,
    Degraded,
    Down,
}

/// <summary>Tag values of <see cref="SiteState"/>.</summary>
public static class SiteStates
{
    public static string ToTag(this SiteState state) => state switch
    {
        SiteState.Up => "up",
        SiteState.Backup => "backup",
        SiteState.Degraded => "degraded",
        SiteState.Down => "down",
        _ => "unknown",
    };

    public static SiteState Parse(string? tag) => tag switch
    {
        "up" => SiteState.Up,
        "backup" => SiteState.Backup,
        "degraded" => SiteState.Degraded,
        "down" => SiteState.Down,
        _ => SiteState.Unknown,
    };
}
