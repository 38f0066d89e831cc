using System.CommandLine;
using NetOps.Core.Identity;

namespace NetOps.Dashboard.Cli;

/// <summary><c>netops user add|token|list|roles|unlock|reset-password</c>.</summary>
public static class UserCommands
{
    public static Command Build(IServiceProvider services)
    {
        var user = new Command("user", "Local users, their roles and API tokens");

        var name = new Argument<string>("NAME") { Description = "the user name" };
        var role = new Option<string>("--role") { Description = "roles, comma-separated: admin, operator, oncall, publisher, approver, auditor", Required = true };
        var email = new Option<string?>("--email") { Description = "mail address (pages, notices)" };
        var displayName = new Option<string?>("--display-name") { Description = "name shown on screens, e.g. 山田 太郎" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of stdin; otherwise one is generated and must be changed at first sign-in" };
        var add = new Command("add", "Create a local user (this is how the first admin is made)") { name, role, email, displayName, passwordStdin };
        add.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var roles = NetOpsRoleNames.Parse(parse.GetValue(role));
            string? password = null;
            if (parse.GetValue(passwordStdin))
            {
                password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r');
                if (string.IsNullOrEmpty(password)) throw new ArgumentException("--password-stdin: no password on stdin");
            }
            var (created, generated) = await sp.GetRequiredService<UserAdministration>().CreateAsync(
                parse.GetValue(name)!, roles, parse.GetValue(email), password, parse.GetValue(displayName), CliCommands.Actor, ct);
            Console.WriteLine($"user {created.Name} created with roles {string.Join(",", created.Roles)}");
            if (generated is not null) Console.WriteLine($"one-time password (change it at first sign-in): {generated}");
            return 0;
        }));
        user.Subcommands.Add(add);

        var days = new Option<int>("--days") { Description = "days until the token expires (1-3650)", DefaultValueFactory = _ => 90 };
        var tokenName = new Argument<string>("NAME") { Description = "the user the token acts as" };
        var token = new Command("token", "Print a new API token for the user, once (only its hash is stored)") { tokenName, days };
        token.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var (text, record) = await sp.GetRequiredService<ApiTokenService>().CreateAsync(parse.GetValue(tokenName)!, parse.GetValue(days), CliCommands.Actor, ct);
            Console.Error.WriteLine($"token for {parse.GetValue(tokenName)}, expires {record.ExpiresAt:yyyy-MM-dd HH:mm}Z; send it as Authorization: Bearer TOKEN");
            Console.WriteLine(text);
            return 0;
        }));
        user.Subcommands.Add(token);

        var list = new Command("list", "List users with roles and lock state");
        list.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            foreach (var u in await sp.GetRequiredService<UserAdministration>().ListAsync(ct))
                Console.WriteLine($"{u.Name,-24} {string.Join(",", u.Roles),-40} {(u.LockedOut ? "locked" : "active")}");
            return 0;
        }));
        user.Subcommands.Add(list);

        var rolesName = new Argument<string>("NAME");
        var rolesRole = new Option<string>("--role") { Description = "the new roles, comma-separated", Required = true };
        var roles = new Command("roles", "Replace a user's roles") { rolesName, rolesRole };
        roles.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var u = await sp.GetRequiredService<UserAdministration>().SetRolesAsync(parse.GetValue(rolesName)!, NetOpsRoleNames.Parse(parse.GetValue(rolesRole)), CliCommands.Actor, ct);
            Console.WriteLine($"user {u.Name} now has roles {string.Join(",", u.Roles)}");
            return 0;
        }));
        user.Subcommands.Add(roles);

        var unlockName = new Argument<string>("NAME");
        var unlock = new Command("unlock", "Unlock an account locked by failed sign-ins or by an admin") { unlockName };
        unlock.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            await sp.GetRequiredService<UserAdministration>().UnlockAsync(parse.GetValue(unlockName)!, CliCommands.Actor, ct);
            Console.WriteLine($"user {parse.GetValue(unlockName)} unlocked");
            return 0;
        }));
        user.Subcommands.Add(unlock);

        var resetName = new Argument<string>("NAME");
        var reset = new Command("reset-password", "Set a generated one-time password") { resetName };
        reset.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var password = await sp.GetRequiredService<UserAdministration>().ResetPasswordAsync(parse.GetValue(resetName)!, CliCommands.Actor, ct);
            Console.WriteLine($"one-time password (change it at first sign-in): {password}");
            return 0;
        }));
        user.Subcommands.Add(reset);
        return user;
    }
}
