using NetOps.Core.Identity;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Ui;

/// <summary>
/// The admin page's actions. Each runs in a fresh DI scope (a circuit lives for hours; Identity's stores must not
/// keep its entities that long) and re-checks <see cref="NetOpsPolicies.ManageUsers"/> for the circuit's person.
/// </summary>
public sealed class UserAdminActions(IServiceScopeFactory scopes, UiAuthorization authorization, CircuitClient client)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await authorization.RequireAsync(NetOpsPolicies.ManageUsers);
        return await WithAsync<UserAdministration, IReadOnlyList<UserSummary>>(a => a.ListAsync(cancellationToken));
    }

    public Task<(UserSummary User, string? GeneratedPassword)> CreateAsync(string name, IReadOnlyList<string> roles, string? email, string? displayName, CancellationToken cancellationToken = default) =>
        ActAsync<UserAdministration, (UserSummary, string?)>((a, actor) => a.CreateAsync(name.Trim(), roles, email, null, displayName, actor, cancellationToken));

    public Task<UserSummary> SetRolesAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken = default) =>
        ActAsync<UserAdministration, UserSummary>((a, actor) => a.SetRolesAsync(name, roles, actor, cancellationToken));

    public Task<UserSummary> LockAsync(string name, CancellationToken cancellationToken = default) =>
        ActAsync<UserAdministration, UserSummary>((a, actor) => a.LockAsync(name, actor, null, cancellationToken));

    public Task<UserSummary> UnlockAsync(string name, CancellationToken cancellationToken = default) =>
        ActAsync<UserAdministration, UserSummary>((a, actor) => a.UnlockAsync(name, actor, cancellationToken));

    public Task<string> ResetPasswordAsync(string name, CancellationToken cancellationToken = default) =>
        ActAsync<UserAdministration, string>((a, actor) => a.ResetPasswordAsync(name, actor, cancellationToken));

    public async Task<IReadOnlyList<ApiToken>> TokensAsync(string name, CancellationToken cancellationToken = default)
    {
        await authorization.RequireAsync(NetOpsPolicies.ManageUsers);
        return await WithAsync<ApiTokenService, IReadOnlyList<ApiToken>>(t => t.ListAsync(name, cancellationToken));
    }

    public Task<(string Token, ApiToken Record)> CreateTokenAsync(string name, int days, CancellationToken cancellationToken = default) =>
        ActAsync<ApiTokenService, (string, ApiToken)>((t, actor) => t.CreateAsync(name, days, actor, cancellationToken));

    public Task<bool> RevokeTokenAsync(Guid id, CancellationToken cancellationToken = default) =>
        ActAsync<ApiTokenService, bool>((t, actor) => t.RevokeAsync(id, actor, cancellationToken));

    private async Task<TResult> ActAsync<TService, TResult>(Func<TService, NetOps.Core.Audit.AuditActor, Task<TResult>> action) where TService : notnull
    {
        var user = await authorization.RequireAsync(NetOpsPolicies.ManageUsers);
        var actor = client.ActorFor(user);
        return await WithAsync<TService, TResult>(s => action(s, actor));
    }

    private async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
