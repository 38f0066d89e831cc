using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetOps.Core.Audit;
using NetOps.Core.Identity;
using NetOps.Core.State;
using NetOps.Core.Tests.State;
using NetOps.Testing;

namespace NetOps.Core.Tests.Identity;

/// <summary>Bearer tokens: valid while unexpired, unrevoked and their user unlocked; only their hash is stored.</summary>
public sealed class ApiTokenServiceTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AuditActor Root = new("cli:root", "cli");

    private async Task<(TestStateDb Db, IHost Host, IServiceScope Scope)> StartWithUserAsync(StateDbProvider provider)
    {
        var (db, host) = await UserAdministrationTests.StartAsync(provider, postgres);
        var scope = host.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await admin.CreateAsync("admin", [NetOpsRoleNames.Admin], null, null, null, Root, Ct);
        await admin.CreateAsync("script", [NetOpsRoleNames.Operator], null, null, null, Root, Ct);
        return (db, host, scope);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_new_token_validates_as_its_user_and_only_its_hash_is_stored(StateDbProvider provider)
    {
        var (db, host, scope) = await StartWithUserAsync(provider);
        await using var _ = db;
        using var __ = host;
        using var ___ = scope;
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();

        var (token, record) = await tokens.CreateAsync("script", 30, Root, Ct);
        var user = await tokens.ValidateAsync(token, Ct);

        Assert.Matches("^nop_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal("script", user?.UserName);
        Assert.Equal(ApiTokenService.HashOf(token), record.Hash);
        await using (var context = db.Factory.CreateDbContext())
        {
            var stored = await context.ApiTokens.SingleAsync(Ct);
            Assert.Equal(ApiTokenService.HashOf(token), stored.Hash);
            Assert.Equal(token[..12], stored.Prefix);
            Assert.Equal(db.Time.GetUtcNow(), stored.LastUsedAt);
        }
        Assert.DoesNotContain(token, await DatabaseTextAsync(db));
        var audit = Assert.Single(await host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Action: "token.create"), Ct));
        Assert.Equal("script", audit.Target);
        Assert.DoesNotContain(token, audit.After);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task An_unknown_or_malformed_token_is_refused(StateDbProvider provider)
    {
        var (db, host, scope) = await StartWithUserAsync(provider);
        await using var _ = db;
        using var __ = host;
        using var ___ = scope;
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var (token, _) = await tokens.CreateAsync("script", 30, Root, Ct);

        Assert.Null(await tokens.ValidateAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), Ct));
        Assert.Null(await tokens.ValidateAsync(token[4..], Ct));
        Assert.Null(await tokens.ValidateAsync("", Ct));
        Assert.Null(await tokens.ValidateAsync(ApiTokenService.Prefix + new string('a', 200), Ct));
        await Assert.ThrowsAsync<UserAdministrationException>(() => tokens.CreateAsync("script", 0, Root, Ct));
        await Assert.ThrowsAsync<UserAdministrationException>(() => tokens.CreateAsync("nobody", 30, Root, Ct));
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task An_expired_token_is_refused(StateDbProvider provider)
    {
        var (db, host, scope) = await StartWithUserAsync(provider);
        await using var _ = db;
        using var __ = host;
        using var ___ = scope;
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var (token, _) = await tokens.CreateAsync("script", 2, Root, Ct);

        db.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await tokens.ValidateAsync(token, Ct));
        db.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await tokens.ValidateAsync(token, Ct));
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_revoked_token_is_refused_and_the_revocation_audited(StateDbProvider provider)
    {
        var (db, host, scope) = await StartWithUserAsync(provider);
        await using var _ = db;
        using var __ = host;
        using var ___ = scope;
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var (token, record) = await tokens.CreateAsync("script", 30, Root, Ct);
        var (other, _) = await tokens.CreateAsync("script", 30, Root, Ct);

        Assert.True(await tokens.RevokeAsync(record.Id, Root, Ct));

        Assert.Null(await tokens.ValidateAsync(token, Ct));
        Assert.NotNull(await tokens.ValidateAsync(other, Ct));
        Assert.False(await tokens.RevokeAsync(record.Id, Root, Ct));
        var revoked = Assert.Single(await tokens.ListAsync("script", Ct), t => t.Id == record.Id);
        Assert.Equal(db.Time.GetUtcNow(), revoked.RevokedAt);
        var audit = Assert.Single(await host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Action: "token.revoke"), Ct));
        Assert.Equal("script", audit.Target);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_locked_users_token_is_refused_until_the_user_is_unlocked(StateDbProvider provider)
    {
        var (db, host, scope) = await StartWithUserAsync(provider);
        await using var _ = db;
        using var __ = host;
        using var ___ = scope;
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var (token, _) = await tokens.CreateAsync("script", 30, Root, Ct);

        await admin.LockAsync("script", Root, cancellationToken: Ct);
        Assert.Null(await tokens.ValidateAsync(token, Ct));

        await admin.UnlockAsync("script", Root, Ct);
        Assert.Equal("script", (await tokens.ValidateAsync(token, Ct))?.UserName);
    }

    /// <summary>Everything the database holds, as text: the files of SQLite (with its WAL), every row of PostgreSQL's tables.</summary>
    private static async Task<string> DatabaseTextAsync(TestStateDb db)
    {
        if (db.Provider == StateDbProvider.Sqlite)
        {
            var text = new StringBuilder();
            foreach (var file in Directory.GetFiles(db.Directory, "netops.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.Latin1);
                text.Append(await reader.ReadToEndAsync(Ct));
            }
            return text.ToString();
        }
        await using var context = db.Factory.CreateDbContext();
        var tables = await context.Database.SqlQueryRaw<string>(
            "SELECT tablename AS \"Value\" FROM pg_tables WHERE schemaname = 'public'").ToListAsync(Ct);
        var all = new StringBuilder();
        foreach (var table in tables)
        {
            var sql = "SELECT t::text AS \"Value\" FROM \"" + table + "\" t"; // names from pg_tables
            all.AppendJoin('\n', await context.Database.SqlQueryRaw<string>(sql).ToListAsync(Ct));
        }
        Assert.Contains("api_tokens", tables);
        return all.ToString();
    }
}
