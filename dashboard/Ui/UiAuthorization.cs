using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace NetOps.Dashboard.Ui;

/// <summary>
/// Re-checks a policy on the server when a person acts inside the circuit: a hidden button is not a check, and the
/// person's roles may have changed since the page was opened.
/// </summary>
public sealed class UiAuthorization(AuthenticationStateProvider state, IAuthorizationService authorization)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await state.GetAuthenticationStateAsync()).User;

    public async Task<bool> IsAllowedAsync(string policy)
    {
        var user = await UserAsync();
        return user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }

    /// <summary>The signed-in person if <paramref name="policy"/> allows them; throws <see cref="UiForbiddenException"/> otherwise.</summary>
    public async Task<ClaimsPrincipal> RequireAsync(string policy)
    {
        var user = await UserAsync();
        if (user.Identity?.IsAuthenticated != true || !(await authorization.AuthorizeAsync(user, policy)).Succeeded)
            throw new UiForbiddenException(policy);
        return user;
    }
}

/// <summary>A person tried an action their roles do not allow (the page shows it; nothing was changed).</summary>
public sealed class UiForbiddenException(string policy) : Exception($"the policy '{policy}' does not allow this action")
{
    public string Policy { get; } = policy;
}
