using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetOps.Core.Audit;
using NetOps.Core.Identity;
using NetOps.Core.State;
using NetOps.Core.Tests.State;
using NetOps.Testing;

namespace NetOps.Core.Tests.Identity;

/// <summary>Local users through the real Identity stores on both providers; every change lands in the audit chain.</summary>
public sealed class UserAdministrationTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AuditActor Root = new("cli:root", "cli");

    internal static async Task<(TestStateDb Db, IHost Host)> StartAsync(StateDbProvider provider, SharedPostgresFixture postgres)
    {
        var db = await TestStateDb.CreateEmptyAsync(provider, postgres, Ct);
        var host = TestStateHost.Build(db, inventoryPath: TestStateHost.WriteSmallInventory(db));
        await host.Services.GetRequiredService<StateDbInitializer>().EnsureReadyAsync(Ct);
        return (db, host);
    }

    private static async Task<IReadOnlyList<AuditRecord>> AuditAsync(IHost host, string action) =>
        (await host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Action: action, Ascending: true), Ct)).ToList();

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_user_change_whose_audit_record_cannot_be_written_is_not_stored_either(StateDbProvider provider)
    {
        var (db, host) = await StartAsync(provider, postgres);
        await using var _ = db;
        using var __ = host;
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("admin1", [NetOpsRoleNames.Admin], null, "a long enough passphrase", null, Root, Ct);
        await db.ExecuteAsync("ALTER TABLE audit_head RENAME TO audit_head_away", Ct);

        using (var scope = host.Services.CreateScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await Assert.ThrowsAnyAsync<Exception>(() => admin.CreateAsync("yamada", [NetOpsRoleNames.Operator], null, null, null, Root, Ct));
        }
        using (var scope = host.Services.CreateScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await Assert.ThrowsAnyAsync<Exception>(() => admin.SetRolesAsync("admin1", [NetOpsRoleNames.Admin, NetOpsRoleNames.Auditor], Root, Ct));
        }
        using (var scope = host.Services.CreateScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            Assert.Null(await admin.FindAsync("yamada", Ct));
            Assert.Equal([NetOpsRoleNames.Admin], (await admin.FindAsync("admin1", Ct))!.Roles);
        }
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_user_created_without_a_password_gets_a_generated_one_that_must_be_changed(StateDbProvider provider)
    {
        var (db, host) = await StartAsync(provider, postgres);
        await using var _ = db;
        using var __ = host;
        using var scope = host.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NetOpsUser>>();

        var (created, password) = await admin.CreateAsync("yamada", [NetOpsRoleNames.Operator, NetOpsRoleNames.OnCall],
            "yamada@example.jp", null, "山田 太郎", Root, Ct);

        Assert.NotNull(password);
        Assert.Equal(16, password.Length);
        Assert.True(created.MustChangePassword);
        Assert.Equal([NetOpsRoleNames.Operator, NetOpsRoleNames.OnCall], created.Roles);
        Assert.Equal("山田 太郎", created.DisplayName);
        var user = await users.FindByNameAsync("yamada");
        Assert.True(await users.CheckPasswordAsync(user!, password));
        var record = Assert.Single(await AuditAsync(host, "user.create"));
        Assert.Equal(("cli:root", "yamada"), (record.Actor, record.Target));
        Assert.Contains("\"operator\"", record.After);
        Assert.DoesNotContain(password, record.After);
        Assert.DoesNotContain(user!.PasswordHash!, record.After);

        await admin.ChangePasswordAsync("yamada", password, "a new long passphrase", new AuditActor("yamada", "192.0.2.1"), Ct);
        Assert.False((await admin.FindAsync("yamada", Ct))!.MustChangePassword);
        Assert.Single(await AuditAsync(host, "user.password_change"));
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_given_password_need_not_be_changed_and_a_duplicate_name_or_unknown_role_is_refused(StateDbProvider provider)
    {
        var (db, host) = await StartAsync(provider, postgres);
        await using var _ = db;
        using var __ = host;
        using var scope = host.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var (created, generated) = await admin.CreateAsync("sato", [NetOpsRoleNames.Auditor], null, "correct horse battery", null, Root, Ct);

        Assert.Null(generated);
        Assert.False(created.MustChangePassword);
        var duplicate = await Assert.ThrowsAsync<UserAdministrationException>(() =>
            admin.CreateAsync("sato", [NetOpsRoleNames.Auditor], null, null, null, Root, Ct));
        Assert.Contains("already exists", duplicate.Message);
        await Assert.ThrowsAsync<UserAdministrationException>(() => admin.CreateAsync("nobody", [], null, null, null, Root, Ct));
        Assert.Throws<ArgumentException>(() => NetOpsRoleNames.Parse("operator,root"));
        Assert.Single(await AuditAsync(host, "user.create"));
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Roles_change_with_the_before_and_after_in_the_audit(StateDbProvider provider)
    {
        var (db, host) = await StartAsync(provider, postgres);
        await using var _ = db;
        using var __ = host;
        using var scope = host.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await admin.CreateAsync("suzuki", [NetOpsRoleNames.Publisher], null, null, null, Root, Ct);

        var after = await admin.SetRolesAsync("suzuki", [NetOpsRoleNames.Approver, NetOpsRoleNames.Auditor], Root, Ct);

        Assert.Equal([NetOpsRoleNames.Approver, NetOpsRoleNames.Auditor], after.Roles);
        Assert.Equal([NetOpsRoleNames.Approver, NetOpsRoleNames.Auditor], (await admin.FindAsync("suzuki", Ct))!.Roles);
        var record = Assert.Single(await AuditAsync(host, "user.roles"));
        Assert.Contains("\"publisher\"", record.Before);
        Assert.DoesNotContain("\"publisher\"", record.After);
        Assert.Contains("\"approver\"", record.After);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Lock_and_unlock_are_audited_and_a_locked_user_is_locked_out(StateDbProvider provider)
    {
        var (db, host) = await StartAsync(provider, postgres);
        await using var _ = db;
        using var __ = host;
        using var scope = host.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NetOpsUser>>();
        await admin.CreateAsync("tanaka", [NetOpsRoleNames.Operator], null, null, null, Root, Ct);
        var stamp = (await users.FindByNameAsync("tanaka"))!.SecurityStamp;

        var locked = await admin.LockAsync("tanaka", Root, cancellationToken: Ct);

        Assert.True(locked.LockedOut);
        var user = await users.FindByNameAsync("tanaka");
        Assert.True(await users.IsLockedOutAsync(user!));
        Assert.NotEqual(stamp, user!.SecurityStamp); // signed out everywhere
        var lockRecord = Assert.Single(await AuditAsync(host, "user.lock"));
        Assert.Contains("\"lockedOut\":false", lockRecord.Before);
        Assert.Contains("\"lockedOut\":true", lockRecord.After);

        var unlocked = await admin.UnlockAsync("tanaka", Root, Ct);

        Assert.False(unlocked.LockedOut);
        Assert.False(await users.IsLockedOutAsync((await users.FindByNameAsync("tanaka"))!));
        var unlockRecord = Assert.Single(await AuditAsync(host, "user.unlock"));
        Assert.Contains("\"lockedOut\":true", unlockRecord.Before);
        Assert.True((await host.Services.GetRequiredService<AuditLog>().VerifyAsync(Ct)).Intact);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task The_last_admin_can_neither_lose_admin_nor_be_locked(StateDbProvider provider)
    {
        var (db, host) = await StartAsync(provider, postgres);
        await using var _ = db;
        using var __ = host;
        using var scope = host.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await admin.CreateAsync("admin", [NetOpsRoleNames.Admin], null, null, null, Root, Ct);

        var demote = await Assert.ThrowsAsync<UserAdministrationException>(() => admin.SetRolesAsync("admin", [NetOpsRoleNames.Operator], Root, Ct));
        var lockOut = await Assert.ThrowsAsync<UserAdministrationException>(() => admin.LockAsync("admin", Root, cancellationToken: Ct));

        Assert.Contains("last admin", demote.Message);
        Assert.Contains("last admin", lockOut.Message);
        Assert.Equal([NetOpsRoleNames.Admin], (await admin.FindAsync("admin", Ct))!.Roles);
        Assert.Empty(await AuditAsync(host, "user.roles"));
        Assert.Empty(await AuditAsync(host, "user.lock"));

        // With a second admin, the first may step down; a locked admin does not count as the other one.
        await admin.CreateAsync("admin2", [NetOpsRoleNames.Admin], null, null, null, Root, Ct);
        await admin.LockAsync("admin2", Root, cancellationToken: Ct);
        await Assert.ThrowsAsync<UserAdministrationException>(() => admin.SetRolesAsync("admin", [NetOpsRoleNames.Operator], Root, Ct));
        await admin.UnlockAsync("admin2", Root, Ct);
        var demoted = await admin.SetRolesAsync("admin", [NetOpsRoleNames.Operator], Root, Ct);
        Assert.Equal([NetOpsRoleNames.Operator], demoted.Roles);
    }
}
