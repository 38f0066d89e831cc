using System.Security.Claims;
using NetOps.Core.Audit;

namespace NetOps.Dashboard.Auth;

/// <summary>The audit actor of a request or a circuit: the signed-in person and the client address.</summary>
public static class HttpAuditActor
{
    public static AuditActor ForRequest(HttpContext context) =>
        For(context.User, context.Connection.RemoteIpAddress?.ToString());

    public static AuditActor For(ClaimsPrincipal user, string? source) =>
        new(user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous", source);
}
