using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Core.Identity;

/// <summary>
/// Bearer tokens for scripts: <c>nop_</c> and 43 base64url characters (256 random bits). Stored as SHA-256 only;
/// a token works while it has not expired, was not revoked, and its user is not locked out.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<NetOpsDbContext> contexts, UserManager<NetOpsUser> users, AuditLog audit, TimeProvider time)
{
    public const string Prefix = "nop_";

    /// <summary>Creates a token valid for <paramref name="days"/>; the returned text is shown once and never stored.</summary>
    public async Task<(string Token, ApiToken Record)> CreateAsync(string userName, int days, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (days is < 1 or > 3650) throw new UserAdministrationException($"--days must be between 1 and 3650, not {days}");
        var user = await users.FindByNameAsync(userName) ?? throw new UserAdministrationException($"no user '{userName}'");
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var record = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Hash = HashOf(token),
            Prefix = token[..12],
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        AuditRecord audited;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await BeginAsync(db, cancellationToken);
            db.ApiTokens.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            audited = await audit.AppendAsync(db, new AuditEntry(actor, "token.create", userName, null,
                new { id = record.Id, prefix = record.Prefix, expiresAt = record.ExpiresAt }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(audited);
        return (token, record);
    }

    /// <summary>The user a token belongs to, or null (unknown, expired, revoked, user locked).</summary>
    public async Task<NetOpsUser?> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100) return null;
        var hash = HashOf(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (record is null || record.RevokedAt is not null || record.ExpiresAt <= now) return null;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == record.UserId, cancellationToken);
        if (user is null || user.LockoutEnd > now) return null;
        // Last use to the minute is enough for a person to see which tokens are alive; it spares a write per request.
        if (record.LastUsedAt is null || now - record.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            record.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return user;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userName, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(userName) ?? throw new UserAdministrationException($"no user '{userName}'");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(Guid id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await BeginAsync(db, cancellationToken);
        var record = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (record is null || record.RevokedAt is not null) return false;
        record.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var owner = await db.Users.Where(u => u.Id == record.UserId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        var audited = await audit.AppendAsync(db, new AuditEntry(actor, "token.revoke", owner, new { id, prefix = record.Prefix }, null), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        audit.Published(audited);
        return true;
    }

    /// <summary>A write transaction: the token and its audit record commit together.</summary>
    private static Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(NetOpsDbContext db, CancellationToken cancellationToken) =>
        StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
