namespace NetOps.Core.Identity;

/// <summary>A person as the admin page and <c>GET /api/v1/users</c> show them.</summary>
public sealed record UserSummary(
    string Name, string? DisplayName, string? Email, IReadOnlyList<string> Roles,
    bool LockedOut, DateTimeOffset? LockoutEnd, int FailedSignIns, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, bool MustChangePassword);
