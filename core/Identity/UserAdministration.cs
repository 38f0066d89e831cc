using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Core.Identity;

/// <summary>
/// Local users and their roles: what <c>netops user add</c>, the admin page and <c>/api/v1/users</c> do. Every change
/// is audited with the user before and after (never a password or its hash).
/// </summary>
public sealed class UserAdministration(UserManager<NetOpsUser> users, NetOpsDbContext db, AuditLog audit, TimeProvider time)
{
    // Identity's store works on this scope's context (db): each change and its audit record commit in one
    // transaction on it, so that a crash cannot leave a change without its record, or a record without its change.
    private Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken) =>
        StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);

    private async Task CommitAuditedAsync(IDbContextTransaction tx, AuditEntry entry, CancellationToken cancellationToken)
    {
        var record = await audit.AppendAsync(db, entry, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        audit.Published(record);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var result = new List<UserSummary>(list.Count);
        foreach (var u in list) result.Add(await SummaryAsync(u));
        return result;
    }

    public async Task<UserSummary?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        await users.FindByNameAsync(name) is { } u ? await SummaryAsync(u) : null;

    /// <summary>Creates a user. Without <paramref name="password"/>, one is generated, returned once, and must be changed at first sign-in.</summary>
    public async Task<(UserSummary User, string? GeneratedPassword)> CreateAsync(
        string name, IReadOnlyList<string> roles, string? email, string? password, string? displayName, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken);
        if (roles.Count == 0) throw new UserAdministrationException("a user needs at least one role");
        if (await users.FindByNameAsync(name) is not null) throw new UserAdministrationException($"user '{name}' already exists");
        string? generated = password is null ? Passwords.Generate() : null;
        var user = new NetOpsUser
        {
            UserName = name,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
            MustChangePassword = generated is not null,
            EmailConfirmed = true,
        };
        Check(await users.CreateAsync(user, password ?? generated!));
        Check(await users.AddToRolesAsync(user, roles));
        var summary = await SummaryAsync(user);
        await CommitAuditedAsync(tx, new AuditEntry(actor, "user.create", name, null, summary), cancellationToken);
        return (summary, generated);
    }

    public async Task<UserSummary> SetRolesAsync(string name, IReadOnlyList<string> roles, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken);
        if (roles.Count == 0) throw new UserAdministrationException("a user needs at least one role");
        var user = await RequireAsync(name);
        var before = await SummaryAsync(user);
        if (before.Roles.Contains(NetOpsRoleNames.Admin) && !roles.Contains(NetOpsRoleNames.Admin) && await IsLastAdminAsync(user))
            throw new UserAdministrationException($"'{name}' is the last admin; make another admin first");
        Check(await users.RemoveFromRolesAsync(user, before.Roles.Except(roles)));
        Check(await users.AddToRolesAsync(user, roles.Except(before.Roles)));
        var after = await SummaryAsync(user);
        await CommitAuditedAsync(tx, new AuditEntry(actor, "user.roles", name, before, after), cancellationToken);
        return after;
    }

    public async Task<UserSummary> UpdateProfileAsync(string name, string? displayName, string? email, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken);
        var user = await RequireAsync(name);
        var before = await SummaryAsync(user);
        user.DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Check(await users.UpdateAsync(user));
        var after = await SummaryAsync(user);
        await CommitAuditedAsync(tx, new AuditEntry(actor, "user.update", name, before, after), cancellationToken);
        return after;
    }

    /// <summary>Locks an account until an admin unlocks it (or for <paramref name="until"/>).</summary>
    public async Task<UserSummary> LockAsync(string name, AuditActor actor, DateTimeOffset? until = null, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken);
        var user = await RequireAsync(name);
        var before = await SummaryAsync(user);
        if (before.Roles.Contains(NetOpsRoleNames.Admin) && await IsLastAdminAsync(user))
            throw new UserAdministrationException($"'{name}' is the last admin and cannot be locked");
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, until ?? DateTimeOffset.MaxValue));
        await users.UpdateSecurityStampAsync(user); // signs the person out everywhere
        var after = await SummaryAsync(user);
        await CommitAuditedAsync(tx, new AuditEntry(actor, "user.lock", name, before, after), cancellationToken);
        return after;
    }

    public async Task<UserSummary> UnlockAsync(string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken);
        var user = await RequireAsync(name);
        var before = await SummaryAsync(user);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        var after = await SummaryAsync(user);
        await CommitAuditedAsync(tx, new AuditEntry(actor, "user.unlock", name, before, after), cancellationToken);
        return after;
    }

    /// <summary>Sets a new generated password that must be changed at the next sign-in; returns it once.</summary>
    public async Task<string> ResetPasswordAsync(string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken);
        var user = await RequireAsync(name);
        var password = Passwords.Generate();
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        await users.UpdateSecurityStampAsync(user);
        await CommitAuditedAsync(tx, new AuditEntry(actor, "user.password_reset", name), cancellationToken);
        return password;
    }

    /// <summary>The person changes their own password (first sign-in, or by choice).</summary>
    public async Task ChangePasswordAsync(string name, string current, string next, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginAsync(cancellationToken);
        var user = await RequireAsync(name);
        Check(await users.ChangePasswordAsync(user, current, next));
        user.MustChangePassword = false;
        Check(await users.UpdateAsync(user));
        await CommitAuditedAsync(tx, new AuditEntry(actor, "user.password_change", name), cancellationToken);
    }

    private async Task<bool> IsLastAdminAsync(NetOpsUser user)
    {
        var admins = await users.GetUsersInRoleAsync(NetOpsRoleNames.Admin);
        return admins.Count(a => a.Id != user.Id && !(a.LockoutEnd > time.GetUtcNow())) == 0;
    }

    private async Task<NetOpsUser> RequireAsync(string name) =>
        await users.FindByNameAsync(name) ?? throw new UserAdministrationException($"no user '{name}'");

    private async Task<UserSummary> SummaryAsync(NetOpsUser u)
    {
        var roles = (await users.GetRolesAsync(u)).OrderBy(r => NetOpsRoleNames.All.ToList().IndexOf(r)).ToList();
        bool locked = u.LockoutEnd is { } end && end > time.GetUtcNow();
        return new UserSummary(u.UserName!, u.DisplayName, u.Email, roles, locked, u.LockoutEnd, u.AccessFailedCount, u.CreatedAt, u.LastSignInAt, u.MustChangePassword);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new UserAdministrationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
