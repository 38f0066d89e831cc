using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NetOps.Core.Identity;

namespace NetOps.Dashboard.Auth;

/// <summary>
/// The browser's sign-in, sign-out and password change: plain form posts (antiforgery-checked) to these endpoints,
/// which answer with a redirect, so that they work before any Blazor circuit exists and can be rate-limited.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/login";
    /// <summary>The page where a person changes their password (a Blazor page); its form posts to <c>/account/change-password</c>.</summary>
    public const string PasswordPath = "/account/password";
    public const string LoginRateLimit = "login";

    public static void MapAccount(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        account.MapPost("/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext context, SignInService signIn) =>
        {
            var target = SafeReturnUrl(returnUrl);
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
                return Results.Redirect(LoginUrl("missing", target, userName));
            var outcome = await signIn.PasswordSignInAsync(userName, password, HttpAuditActor.ForRequest(context), context.RequestAborted);
            return outcome switch
            {
                SignInOutcome.Success => Results.LocalRedirect(target),
                SignInOutcome.MustChangePassword => Results.LocalRedirect($"{PasswordPath}?returnUrl={Uri.EscapeDataString(target)}"),
                SignInOutcome.LockedOut => Results.Redirect(LoginUrl("locked", target, userName)),
                _ => Results.Redirect(LoginUrl("invalid", target, userName)),
            };
        }).AllowAnonymous().RequireRateLimiting(LoginRateLimit);

        account.MapPost("/logout", async (HttpContext context, SignInService signIn) =>
        {
            await signIn.SignOutAsync(HttpAuditActor.ForRequest(context), context.RequestAborted);
            return Results.Redirect(LoginPath + "?signedOut=1");
        }).RequireAuthorization(NetOpsPolicies.SignedIn);

        account.MapPost("/change-password", async ([FromForm] string? current, [FromForm] string? next, [FromForm] string? confirm, [FromForm] string? returnUrl,
            HttpContext context, UserAdministration admin, UserManager<NetOpsUser> users, SignInManager<NetOpsUser> signInManager) =>
        {
            var target = SafeReturnUrl(returnUrl);
            string Back(string error) => $"{PasswordPath}?error={error}&returnUrl={Uri.EscapeDataString(target)}";
            if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next)) return Results.LocalRedirect(Back("missing"));
            if (next != confirm) return Results.LocalRedirect(Back("mismatch"));
            if (next == current) return Results.LocalRedirect(Back("same"));
            var name = context.User.Identity!.Name!;
            try
            {
                await admin.ChangePasswordAsync(name, current, next, HttpAuditActor.ForRequest(context), context.RequestAborted);
            }
            catch (UserAdministrationException e)
            {
                return Results.LocalRedirect(Back(e.Message.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase) ? "wrong" : "weak"));
            }
            // A new security stamp signs out other sessions; keep this one with a fresh cookie.
            var user = await users.FindByNameAsync(name);
            await signInManager.RefreshSignInAsync(user!);
            return Results.LocalRedirect(target);
        }).RequireAuthorization(NetOpsPolicies.SignedIn);

        account.MapGet("/oidc", (string? returnUrl, IConfiguration configuration) => OidcSetup.IsEnabled(configuration)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [OidcSetup.Scheme])
                : Results.NotFound())
            .AllowAnonymous();
    }

    /// <summary>Only a path on this site: never <c>//evil.example</c> or an absolute URL; never back into the sign-in pages.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        IsLocalPath(returnUrl) && !returnUrl!.StartsWith("/account/", StringComparison.Ordinal) && !returnUrl.StartsWith("/login", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    /// <summary>A path on this site (<c>/…</c>), not a scheme-relative <c>//host</c> or <c>/\host</c> that browsers follow off-site.</summary>
    public static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string LoginUrl(string error, string returnUrl, string? userName) =>
        $"{LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}" +
        (string.IsNullOrWhiteSpace(userName) ? "" : $"&userName={Uri.EscapeDataString(userName.Length > 100 ? userName[..100] : userName)}");

    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(NetOpsClaimsFactory.MustChangePasswordClaim, "true");
}
