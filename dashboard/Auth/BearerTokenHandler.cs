using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NetOps.Core.Identity;

namespace NetOps.Dashboard.Auth;

/// <summary><c>Authorization: Bearer nop_…</c>: an API token made with <c>netops user token</c>.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenService tokens, IUserClaimsPrincipalFactory<NetOpsUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        var user = await tokens.ValidateAsync(token, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("the token is unknown, expired or revoked, or its user is locked");
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"netops\"";
        return ProblemResults.WriteAsync(Context, StatusCodes.Status401Unauthorized, "sign-in required",
            "Send a cookie from /login or Authorization: Bearer TOKEN (./netops user token NAME).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResults.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "Your roles do not allow this.");
}
