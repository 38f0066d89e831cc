namespace NetOps.Dashboard.Auth;

/// <summary><c>Auth:Oidc</c>: optional sign-in through the organisation's OpenID Connect provider.</summary>
public sealed class OidcOptions
{
    /// <summary><c>Auth:Oidc:Authority</c>: the issuer URL; OIDC is off when empty.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    /// <summary><c>Auth:Oidc:ClientSecret</c>: from the environment (<c>NETOPS__Auth__Oidc__ClientSecret</c>), never the repo.</summary>
    public string? ClientSecret { get; set; }
    /// <summary><c>Auth:Oidc:RoleClaim</c>: the claim that carries NetOps role names (default <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";
    /// <summary><c>Auth:Oidc:DisplayName</c>: the button's label on the sign-in page.</summary>
    public string? DisplayName { get; set; }
}
