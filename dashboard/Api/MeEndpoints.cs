using System.Security.Claims;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

public static class MeEndpoints
{
    public sealed record Me(string Name, string? DisplayName, IReadOnlyList<string> Roles);

    public static void MapMe(this RouteGroupBuilder api) =>
        api.MapGet("/me", (ClaimsPrincipal user) => new Me(
                user.Identity!.Name!, user.FindFirstValue(NetOpsClaimsFactory.DisplayNameClaim),
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList()))
            .WithSummary("The signed-in person: name and roles").RequireAuthorization(NetOpsPolicies.SignedIn);
}
