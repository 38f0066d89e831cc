using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using NetOps.Core.Audit;
using NetOps.Core.Identity;
using NetOps.Core.Hosting;

namespace NetOps.Dashboard.Auth;

/// <summary>
/// OpenID Connect sign-in (authorization code flow) when <c>Auth:Oidc:Authority</c> is set. The provider's role
/// claim is mapped to NetOps roles (unknown names ignored); a person with none of the six roles is refused.
/// </summary>
public static class OidcSetup
{
    public const string Scheme = "oidc";

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Auth:Oidc:Authority"]);

    public static void Add(Microsoft.AspNetCore.Authentication.AuthenticationBuilder auth, IConfiguration configuration)
    {
        var o = configuration.GetSection("Auth:Oidc").Get<OidcOptions>() ?? new OidcOptions();
        if (string.IsNullOrWhiteSpace(o.Authority)) return;
        if (!Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority) || authority.Scheme != "https" && !authority.IsLoopback)
            throw new NetOpsConfigurationException("Auth:Oidc:Authority", $"Auth:Oidc:Authority '{o.Authority}' must be an https:// URL");
        if (string.IsNullOrWhiteSpace(o.ClientId))
            throw new NetOpsConfigurationException("Auth:Oidc:ClientId", "Auth:Oidc:ClientId: required when Auth:Oidc:Authority is set");
        auth.AddOpenIdConnect(Scheme, o.DisplayName ?? "OpenID Connect", oidc =>
        {
            oidc.Authority = o.Authority;
            oidc.ClientId = o.ClientId;
            oidc.ClientSecret = o.ClientSecret;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            oidc.SaveTokens = false;
            oidc.SignInScheme = IdentityConstants.ApplicationScheme;
            oidc.Scope.Add("email");
            oidc.Scope.Add("profile");
            oidc.RequireHttpsMetadata = authority.Scheme == "https";
            oidc.MapInboundClaims = false;
            oidc.TokenValidationParameters.NameClaimType = "preferred_username";
            oidc.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
            oidc.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = async context =>
                {
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    foreach (var claim in identity.FindAll(o.RoleClaim).ToList())
                    {
                        var role = claim.Value.ToLowerInvariant();
                        if (NetOpsRoleNames.All.Contains(role)) identity.AddClaim(new Claim(ClaimTypes.Role, role));
                    }
                    var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
                    var name = identity.Name ?? identity.FindFirst("email")?.Value ?? identity.FindFirst("sub")?.Value ?? "oidc";
                    var actor = new AuditActor($"oidc:{name}", context.HttpContext.Connection.RemoteIpAddress?.ToString());
                    if (!identity.HasClaim(c => c.Type == ClaimTypes.Role))
                    {
                        await audit.RecordAsync(new AuditEntry(actor, "auth.sign_in_failed", name, null, new { reason = "no NetOps role in the OIDC token" }));
                        context.Fail("no NetOps role");
                        return;
                    }
                    // A local shadow user carries the security stamp the cookie is checked against, and the roles of this sign-in.
                    var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<NetOpsUser>>();
                    var roles = identity.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct().ToList();
                    var user = await users.FindByNameAsync(name);
                    if (user is null)
                    {
                        user = new NetOpsUser { UserName = name, Email = identity.FindFirst("email")?.Value, DisplayName = identity.FindFirst("name")?.Value, CreatedAt = DateTimeOffset.UtcNow };
                        await users.CreateAsync(user);
                        await audit.RecordAsync(new AuditEntry(actor, "user.create", name, null, new { provider = o.Authority, roles }));
                    }
                    var had = await users.GetRolesAsync(user);
                    if (!had.Order().SequenceEqual(roles.Order()))
                    {
                        await users.RemoveFromRolesAsync(user, had.Except(roles));
                        await users.AddToRolesAsync(user, roles.Except(had));
                        await audit.RecordAsync(new AuditEntry(actor, "user.roles", name, new { roles = had }, new { roles, provider = o.Authority }));
                    }
                    var factory = context.HttpContext.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<NetOpsUser>>();
                    context.Principal = await factory.CreateAsync(user);
                    await audit.RecordAsync(new AuditEntry(actor, "auth.sign_in", name, null, new { provider = o.Authority }));
                },
            };
        });
    }
}
