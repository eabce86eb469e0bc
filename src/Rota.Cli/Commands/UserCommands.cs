using System.CommandLine;

namespace Rota.Cli.Commands;

/// <summary><c>rota user create NAME [--role admin|user] [--password-stdin]</c>: through the API with <c>--server</c>
/// (admins only), or on the store directly — the way back in when every admin token is lost.</summary>
public static class UserCommands
{
    public static Command Create(CliContext ctx)
    {
        var user = new Command("user", "Manage users (API users and dashboard logins)");
        var name = new Argument<string>("name") { Description = "Lower-case letters, digits, '.', '_' and '-'" };
        var role = new Option<string>("--role") { Description = "admin or user (default user)", DefaultValueFactory = _ => "user" };
        role.AcceptOnlyFromAmong("admin", "user");
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read a password (at least 12 characters) from the first line of stdin" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var create = new Command("create", "Create a user; then 'rota token create --user NAME' gives it an API token") { name, role, passwordStdin, json };
        create.SetAction(async (p, ct) =>
        {
            var password = p.GetValue(passwordStdin) ? ReadPassword() : null;
            await using var backend = await ctx.OpenBackendAsync(p);
            var created = await backend.CreateUserAsync(p.GetValue(name)!, p.GetValue(role)!, password, ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, created);
            else ctx.Out.WriteLine($"user: created '{created.Name}' ({created.Role}, id {created.Id}){(password is null ? "" : " with a password")}");
            return ExitCodes.Ok;
        });
        user.Subcommands.Add(create);
        return user;
    }

    private static string ReadPassword()
    {
        var line = Console.In.ReadLine();
        return string.IsNullOrEmpty(line)
            ? throw new RotaException("cli.missing_password", "user: --password-stdin read nothing; pipe the password in, e.g. 'printf %s \"$PW\" | rota user create …'")
            : line.TrimEnd('\r');
    }
}
