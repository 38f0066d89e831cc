using NetOps.Core.Identity;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary>People and their roles (admin only); every change is audited by <see cref="UserAdministration"/>.</summary>
public static class UsersEndpoints
{
    public sealed record NewUser(string Name, IReadOnlyList<string> Roles, string? Email, string? DisplayName, string? Password);
    public sealed record CreatedUser(UserSummary User, string? Password);
    public sealed record RolesBody(IReadOnlyList<string> Roles);
    public sealed record TokenBody(int Days = 90);
    public sealed record CreatedToken(string Token, Guid Id, DateTimeOffset ExpiresAt);

    public static void MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireAuthorization(NetOpsPolicies.ManageUsers);

        users.MapGet("", (UserAdministration admin, CancellationToken ct) => admin.ListAsync(ct)).WithSummary("Every user with roles and lock state");

        users.MapPost("", async (NewUser body, HttpContext context, UserAdministration admin) => await Guard(async () =>
        {
            var roles = NetOpsRoleNames.Parse(string.Join(',', body.Roles ?? []));
            var (user, password) = await admin.CreateAsync(body.Name, roles, body.Email, body.Password, body.DisplayName, HttpAuditActor.ForRequest(context), context.RequestAborted);
            return Results.Created($"/api/v1/users/{user.Name}", new CreatedUser(user, password));
        })).WithSummary("Create a user; without a password one is generated, returned once, and must be changed at first sign-in");

        users.MapPut("/{name}/roles", async (string name, RolesBody body, HttpContext context, UserAdministration admin) => await Guard(async () =>
            Results.Ok(await admin.SetRolesAsync(name, NetOpsRoleNames.Parse(string.Join(',', body.Roles ?? [])), HttpAuditActor.ForRequest(context), context.RequestAborted))))
            .WithSummary("Replace a user's roles");

        users.MapPost("/{name}/lock", async (string name, HttpContext context, UserAdministration admin) => await Guard(async () =>
            Results.Ok(await admin.LockAsync(name, HttpAuditActor.ForRequest(context), null, context.RequestAborted)))).WithSummary("Lock an account until unlocked");

        users.MapPost("/{name}/unlock", async (string name, HttpContext context, UserAdministration admin) => await Guard(async () =>
            Results.Ok(await admin.UnlockAsync(name, HttpAuditActor.ForRequest(context), context.RequestAborted)))).WithSummary("Unlock an account");

        users.MapPost("/{name}/reset-password", async (string name, HttpContext context, UserAdministration admin) => await Guard(async () =>
            Results.Ok(new { password = await admin.ResetPasswordAsync(name, HttpAuditActor.ForRequest(context), context.RequestAborted) })))
            .WithSummary("Set a generated password (shown once) that must be changed at the next sign-in");

        users.MapPost("/{name}/tokens", async (string name, TokenBody? body, HttpContext context, ApiTokenService tokens) => await Guard(async () =>
        {
            var (token, record) = await tokens.CreateAsync(name, body?.Days ?? 90, HttpAuditActor.ForRequest(context), context.RequestAborted);
            return Results.Ok(new CreatedToken(token, record.Id, record.ExpiresAt));
        })).WithSummary("Create an API token for a user (shown once)");
    }

    private static async Task<IResult> Guard(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (UserAdministrationException e)
        {
            return ApiEndpoints.Unprocessable(e.Message);
        }
        catch (ArgumentException e)
        {
            return ApiEndpoints.Unprocessable(e.Message);
        }
    }
}
