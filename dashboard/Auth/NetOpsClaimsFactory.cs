using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NetOps.Core.Identity;

namespace NetOps.Dashboard.Auth;

/// <summary>Identity's claims (name, roles, security stamp) plus the display name and the must-change-password flag.</summary>
public sealed class NetOpsClaimsFactory(UserManager<NetOpsUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<NetOpsUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "netops:display_name";
    public const string MustChangePasswordClaim = "netops:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(NetOpsUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        return identity;
    }
}
