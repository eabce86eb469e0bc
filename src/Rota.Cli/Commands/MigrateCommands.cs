using System.CommandLine;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary><c>rota migrate up|down|status</c>.</summary>
public static class MigrateCommands
{
    public static Command Create(CliContext ctx)
    {
        var migrate = new Command("migrate", "Apply, revert or list schema migrations");
        var to = new Option<int?>("--to") { Description = "Target version" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };

        var up = new Command("up", "Apply pending migrations (up to --to)") { to, json };
        up.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p, migrate: false);
            var applied = await store.MigrationUp(new MigrationUpParams(ctx.Time.GetUtcNow(), p.GetValue(to)));
            Report(p.GetValue(json), "applied", applied);
            return ExitCodes.Ok;
        });

        var downTo = new Option<int>("--to") { Description = "Target version (0 removes every table)", Required = true };
        var down = new Command("down", "Revert migrations down to --to") { downTo, json };
        down.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p, migrate: false);
            var reverted = await store.MigrationDown(new MigrationDownParams(p.GetValue(downTo)));
            Report(p.GetValue(json), "reverted", reverted);
            return ExitCodes.Ok;
        });

        var status = new Command("status", "List migrations and whether each is applied") { json };
        status.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p, migrate: false);
            var list = await store.MigrationList();
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, list);
            else CliOutput.WriteTable(ctx.Out, ["Version", "Name", "Applied", "At"],
                list.Select(m => new[] { m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Name, m.Applied ? "yes" : "no", CliOutput.When(m.AppliedAt) }));
            return ExitCodes.Ok;
        });
        migrate.Subcommands.Add(up);
        migrate.Subcommands.Add(down);
        migrate.Subcommands.Add(status);
        return migrate;

        void Report(bool asJson, string verb, IReadOnlyList<int> versions)
        {
            if (asJson) CliOutput.WriteJson(ctx.Out, new Dictionary<string, object> { [verb] = versions });
            else ctx.Out.WriteLine(versions.Count == 0 ? $"migrate: nothing {verb}" : $"migrate: {verb} {string.Join(", ", versions)}");
        }
    }
}
