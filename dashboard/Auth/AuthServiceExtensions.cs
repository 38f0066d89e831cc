using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using NetOps.Core.Hosting;
using NetOps.Core.Identity;

namespace NetOps.Dashboard.Auth;

/// <summary>
/// Sign-in for people (Identity cookie, optional OpenID Connect) and scripts (bearer tokens), the role policies,
/// antiforgery, and the sign-in rate limit. Pages redirect to /login when signed out and answer 403 when a role
/// is missing; the API answers 401 and 403 as problem details.
/// </summary>
public static class AuthServiceExtensions
{
    private const string Selector = "netops";

    public static WebApplicationBuilder AddNetOpsAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var attemptsText = builder.Configuration["Auth:SignInAttemptsPerMinute"];
        int attemptsPerMinute = 10;
        if (!string.IsNullOrEmpty(attemptsText) && (!int.TryParse(attemptsText, out attemptsPerMinute) || attemptsPerMinute is < 1 or > 10_000))
            throw new NetOpsConfigurationException("Auth:SignInAttemptsPerMinute", $"Auth:SignInAttemptsPerMinute: must be a whole number from 1 to 10000, not '{attemptsText}'");
        services.AddIdentityCore<NetOpsUser>().AddSignInManager().AddClaimsPrincipalFactory<NetOpsClaimsFactory>();
        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Selector;
                o.DefaultChallengeScheme = Selector;
                o.DefaultForbidScheme = Selector;
            })
            .AddPolicyScheme(Selector, "cookie or bearer", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        auth.AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
        {
            o.Cookie.Name = "netops.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // secure whenever NetOps is served over https
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = AccountEndpoints.LoginPath;
            o.Events.OnRedirectToLogin = context => ProblemResults.IsApi(context.Request)
                ? ProblemResults.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "sign-in required",
                    "Send a cookie from /login or Authorization: Bearer TOKEN (./netops user token NAME).")
                : Redirect(context);
            o.Events.OnRedirectToAccessDenied = context => ProblemResults.IsApi(context.Request)
                ? ProblemResults.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                    "forbidden", "Your roles do not allow this page or action. An admin can change your roles.")
                : ForbiddenPage.WriteAsync(context.HttpContext);
        }));
        OidcSetup.Add(auth, builder.Configuration);
        // A locked or re-roled person's cookie stops working within a minute, not at its expiry.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        NetOpsPolicies.Configure(services.AddAuthorizationBuilder(), [Selector]);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<SignInService>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "netops.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddRateLimiter(o =>
        {
            // Per client address: Auth:SignInAttemptsPerMinute (10) sign-in attempts a minute, beside the per-account lockout.
            o.AddPolicy(AccountEndpoints.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<NetOps.Core.Metrics.NetOpsMetrics>().SignIns.WithLabels("throttled").Inc();
                context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.HttpContext.Response.Headers.Location = AccountEndpoints.LoginPath + "?error=throttled";
                return ValueTask.CompletedTask;
            };
        });
        services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseNetOpsAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Use(RequirePasswordChange);
        app.Use(ApiCookieAntiforgery);
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A person whose password was generated goes to the password page before anything else.</summary>
    private static Task RequirePasswordChange(HttpContext context, Func<Task> next)
    {
        if (AccountEndpoints.MustChangePassword(context.User) && HttpMethods.IsGet(context.Request.Method)
            && !context.Request.Path.StartsWithSegments(AccountEndpoints.PasswordPath)
            && !context.Request.Path.StartsWithSegments("/_framework") && !context.Request.Path.StartsWithSegments("/_blazor")
            && !context.Request.Path.StartsWithSegments("/lib") && !context.Request.Path.StartsWithSegments("/css")
            && !ProblemResults.IsApi(context.Request) && !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
        {
            context.Response.Redirect(AccountEndpoints.PasswordPath + "?returnUrl=" + Uri.EscapeDataString(AccountEndpoints.SafeReturnUrl(context.Request.Path + context.Request.QueryString)));
            return Task.CompletedTask;
        }
        return next();
    }

    /// <summary>
    /// A browser's cookie would let another site's page post to the API (CSRF): a cookie-authenticated API call that
    /// changes something must carry the antiforgery header. Bearer-token calls carry no ambient credential.
    /// </summary>
    private static async Task ApiCookieAntiforgery(HttpContext context, Func<Task> next)
    {
        if (ProblemResults.IsApi(context.Request) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method) && context.User.Identity?.IsAuthenticated == true
            && context.User.Identity.AuthenticationType != BearerTokenHandler.SchemeName
            && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await ProblemResults.WriteAsync(context, StatusCodes.Status400BadRequest, "antiforgery token missing",
                    "A signed-in browser must send the X-CSRF-TOKEN header; scripts use a bearer token.");
                return;
            }
        }
        await next();
    }
}
