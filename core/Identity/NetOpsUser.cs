using Microsoft.AspNetCore.Identity;

namespace NetOps.Core.Identity;

/// <summary>A person who signs in to NetOps (ASP.NET Core Identity user with NetOps' own fields).</summary>
public sealed class NetOpsUser : IdentityUser
{
    /// <summary>Name shown on screens and in mail (e.g. 山田 太郎); the user name when empty.</summary>
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The password was generated (the demo's admin, a reset): the person must choose one at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Last successful sign-in.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }
}
