using System.CommandLine;
using System.Globalization;

namespace Rota.Cli.Commands;

/// <summary><c>rota token create|list|revoke</c>: API tokens, through the server with <c>--server</c> or on the store.
/// A token's secret is printed once, at creation; only its hash is stored.</summary>
public static class TokenCommands
{
    public static Command Create(CliContext ctx)
    {
        var token = new Command("token", "Create, list and revoke API tokens");
        token.Subcommands.Add(CreateToken(ctx));
        token.Subcommands.Add(List(ctx));
        token.Subcommands.Add(Revoke(ctx));
        return token;
    }

    private static Command CreateToken(CliContext ctx)
    {
        var user = new Option<string?>("--user") { Description = "Whose token (required without --server; with it, default: the caller)" };
        var name = new Option<string>("--name") { Description = "A label to tell tokens apart (default cli)", DefaultValueFactory = _ => "cli" };
        var days = new Option<int?>("--expires-in-days") { Description = "Expire after this many days (1-3650; default never)" };
        var json = new Option<bool>("--json") { Description = "Print JSON (the secret is in 'token')" };
        var create = new Command("create", "Create a token and print its secret, once") { user, name, days, json };
        create.SetAction(async (p, ct) =>
        {
            if (p.GetValue(days) is { } d and (< 1 or > 3650))
                throw new RotaException("cli.bad_value", $"token: --expires-in-days {d} must be between 1 and 3650");
            await using var backend = await ctx.OpenBackendAsync(p);
            var t = await backend.CreateTokenAsync(p.GetValue(user), p.GetValue(name)!, p.GetValue(days), ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, t); return ExitCodes.Ok; }
            ctx.Out.WriteLine($"token {t.Id} '{t.Name}' for {t.User}{(t.ExpiresAt is { } e ? $", expires {CliOutput.When(e)}" : ", never expires")}. The secret, shown only this once:");
            ctx.Out.WriteLine($"    {t.Token}");
            return ExitCodes.Ok;
        });
        return create;
    }

    private static Command List(CliContext ctx)
    {
        var user = new Option<string?>("--user") { Description = "Only this user's tokens ('*' for everyone's; with --server: default the caller's, others need admin)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List tokens: prefix, owner, created, expiry, last use, revoked") { user, json };
        list.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var tokens = await backend.ListTokensAsync(p.GetValue(user), ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, tokens); return ExitCodes.Ok; }
            CliOutput.WriteTable(ctx.Out, ["Id", "User", "Name", "Prefix", "Created (UTC)", "Expires (UTC)", "Last used (UTC)", "State"],
                tokens.Select(t => new[]
                {
                    t.Id.ToString(CultureInfo.InvariantCulture), t.User, t.Name, t.Prefix + "…", CliOutput.When(t.CreatedAt), CliOutput.When(t.ExpiresAt),
                    CliOutput.When(t.LastUsedAt), t.RevokedAt is { } r ? $"revoked {CliOutput.When(r)}" : "active",
                }));
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Revoke(CliContext ctx)
    {
        var id = new Argument<long>("id");
        var revoke = new Command("revoke", "Revoke a token: requests with it fail with auth.token_revoked from then on") { id };
        revoke.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            await backend.RevokeTokenAsync(p.GetValue(id), ct);
            ctx.Out.WriteLine($"token {p.GetValue(id)}: revoked");
            return ExitCodes.Ok;
        });
        return revoke;
    }
}
