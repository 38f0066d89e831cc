namespace NetOps.Core.Identity;

/// <summary>
/// A bearer token for scripts (<c>netops user token</c>). Only its SHA-256 is stored; the token itself is shown once.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>Hex SHA-256 of the token text.</summary>
    public string Hash { get; set; } = "";
    /// <summary>The first characters of the token, so that a person can tell tokens apart in a list.</summary>
    public string Prefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
