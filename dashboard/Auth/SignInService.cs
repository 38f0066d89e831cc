using Microsoft.AspNetCore.Identity;
using NetOps.Core.Audit;
using NetOps.Core.Identity;
using NetOps.Core.Metrics;

namespace NetOps.Dashboard.Auth;

public enum SignInOutcome { Success, MustChangePassword, Invalid, LockedOut }

/// <summary>
/// Password sign-in with lockout (5 failures lock the account for 15 minutes), every attempt audited: success,
/// failure (with the name that was tried, never the password), the lock when it happens, and its expiry.
/// </summary>
public sealed class SignInService(
    SignInManager<NetOpsUser> signIn, UserManager<NetOpsUser> users, AuditLog audit, NetOpsMetrics metrics, TimeProvider time)
{
    public async Task<SignInOutcome> PasswordSignInAsync(string userName, string password, AuditActor actor, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            // Same answer, and about the same time, as a wrong password: the form must not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(TimingDummy, TimingDummyHash.Value, password);
            metrics.SignIns.WithLabels("failure").Inc();
            await audit.RecordAsync(new AuditEntry(actor, "auth.sign_in_failed", Limit(userName), null, new { reason = "unknown user" }), cancellationToken);
            return SignInOutcome.Invalid;
        }
        var now = time.GetUtcNow();
        if (user.LockoutEnd is { } end && end <= now)
        {
            await audit.RecordAsync(new AuditEntry(AuditActor.System, "user.unlock", user.UserName, new { lockoutEnd = end }, new { reason = "lockout expired" }), cancellationToken);
            await users.SetLockoutEndDateAsync(user, null);
        }
        bool wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInAt = now;
            await users.UpdateAsync(user);
            metrics.SignIns.WithLabels("success").Inc();
            // From here on it is that person who acts (the actor passed in was the anonymous request).
            await audit.RecordAsync(new AuditEntry(actor with { Name = user.UserName! }, "auth.sign_in", user.UserName), cancellationToken);
            return user.MustChangePassword ? SignInOutcome.MustChangePassword : SignInOutcome.Success;
        }
        if (result.IsLockedOut)
        {
            metrics.SignIns.WithLabels("locked_out").Inc();
            if (wasLocked)
                await audit.RecordAsync(new AuditEntry(actor, "auth.sign_in_failed", user.UserName, null, new { reason = "locked out" }), cancellationToken);
            else
                await audit.RecordAsync(new AuditEntry(actor, "user.lock", user.UserName, null,
                    new { reason = $"{users.Options.Lockout.MaxFailedAccessAttempts} failed sign-ins", lockoutEnd = user.LockoutEnd }), cancellationToken);
            return SignInOutcome.LockedOut;
        }
        metrics.SignIns.WithLabels("failure").Inc();
        await audit.RecordAsync(new AuditEntry(actor, "auth.sign_in_failed", user.UserName, null,
            new { reason = "wrong password", failures = user.AccessFailedCount }), cancellationToken);
        return SignInOutcome.Invalid;
    }

    public async Task SignOutAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync();
        await audit.RecordAsync(new AuditEntry(actor, "auth.sign_out", actor.Name), cancellationToken);
    }

    private static readonly NetOpsUser TimingDummy = new() { UserName = "timing-dummy" };
    private static readonly Lazy<string> TimingDummyHash = new(() => new PasswordHasher<NetOpsUser>().HashPassword(TimingDummy, Guid.NewGuid().ToString()));

    private static string Limit(string s) => s.Length <= 100 ? s : s[..100];
}
