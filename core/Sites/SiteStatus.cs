namespace NetOps.Core.Sites;

/// <summary>A site's current state, the line that carries its traffic, since when and why.</summary>
public sealed record SiteStatus(string Site, SiteState State, string ActiveLine, DateTimeOffset Since, string? Reason);
