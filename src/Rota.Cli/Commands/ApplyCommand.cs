using System.CommandLine;

namespace Rota.Cli.Commands;

/// <summary><c>rota apply</c>: validate a configuration file and write its tasks and schedules.</summary>
public static class ApplyCommand
{
    public static Command Create(CliContext ctx)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show what would change, write nothing" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var apply = new Command("apply", "Validate a rota.yaml/rota.json and apply its tasks and schedules") { dryRun, json };
        apply.SetAction(async p =>
        {
            var path = CliContext.ConfigPath(p)
                ?? throw new RotaException("cli.no_config", "apply: no configuration file: pass --config PATH or create ./rota.yaml");
            var doc = ConfigApplier.Load(path, ctx.ExtendRota);
            await using var store = await ctx.OpenStoreAsync(p);
            var changes = await ConfigApplier.ApplyAsync(doc, ctx.Client(store), p.GetValue(dryRun));
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, new { file = path, dry_run = p.GetValue(dryRun), changes });
            else
            {
                foreach (var c in changes) ctx.Out.WriteLine($"{c.What,-10} {c.Task}");
                ctx.Out.WriteLine(p.GetValue(dryRun) ? $"apply: {path} is valid (dry run, nothing written)" : $"apply: {path} applied ({doc.Tasks.Count} tasks, {doc.Pipelines.Count} pipelines)");
            }
            return ExitCodes.Ok;
        });
        return apply;
    }
}
