using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Rota.Scheduling;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary><c>rota task list|show|run|enable|disable|delete</c>.</summary>
public static class TaskCommands
{
    public static Command Create(CliContext ctx)
    {
        var task = new Command("task", "List, inspect, run, pause and resume tasks");
        task.Subcommands.Add(List(ctx));
        task.Subcommands.Add(Show(ctx));
        task.Subcommands.Add(TaskRunCommand.Create(ctx));
        task.Subcommands.Add(Enable(ctx));
        task.Subcommands.Add(Disable(ctx));
        task.Subcommands.Add(Delete(ctx));
        return task;
    }

    private static Command List(CliContext ctx)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List tasks with their schedules and next fire") { json };
        list.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            var views = await TaskViews.ListAsync(store);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, views); return ExitCodes.Ok; }
            var now = ctx.Time.GetUtcNow();
            CliOutput.WriteTable(ctx.Out, ["Task", "Handler", "Schedule", "In words", "Next fire (local time)", "Last", "State"],
                views.Select(v => new[]
                {
                    v.Name, v.Handler,
                    string.Join("; ", v.Schedules.Select(s => s.Text + (s.TimeZone == "UTC" ? "" : $" ({s.TimeZone})"))),
                    string.Join("; ", v.Schedules.Select(s => s.Description)),
                    CliOutput.Local(v.Schedules.Select(s => s.NextFireAt).Where(n => n is not null).Min(), now, ctx.LocalZone),
                    v.LastStatus is null ? "–" : $"{v.LastStatus} {CliOutput.Local(v.LastRunAt, now, ctx.LocalZone)}",
                    v.Enabled ? "enabled" : $"paused: {v.PausedReason}",
                }));
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Show(CliContext ctx)
    {
        var name = new Argument<string>("name");
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var show = new Command("show", "Show one task: policies, schedules, upcoming fires") { name, json };
        show.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            var row = await store.TaskGet(p.GetValue(name)!) ?? throw NotFound(p.GetValue(name)!);
            var view = (await TaskViews.ListAsync(store)).First(v => v.Name == row.Name);
            var d = row.Definition;
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, new { task = view, definition = JsonNode.Parse(DefinitionJson.Serialize(d)) }); return ExitCodes.Ok; }
            var w = ctx.Out;
            w.WriteLine($"{d.Name}  ({d.Handler}, queue {d.Queue}, priority {d.Priority}, version {row.Version})");
            if (d.Description is not null) w.WriteLine($"  {d.Description}");
            w.WriteLine($"  state:     {(d.Enabled ? "enabled" : $"paused: {d.PausedReason}{(d.PausedUntil is { } u ? $" until {CliOutput.When(u)}" : "")}")}");
            w.WriteLine($"  overlap:   {d.Overlap}   misfire: {TextNames.Of(d.Misfire.Kind)}{(d.Misfire.CatchupWindow is { } cw ? $" (window {cw})" : "")}");
            w.WriteLine($"  retry:     {d.Retry.MaxAttempts} attempts, backoff {d.Retry.EffectiveBaseDelay} x{d.Retry.Factor} max {d.Retry.EffectiveMaxDelay}");
            w.WriteLine($"  timeout:   {(d.Timeout?.ToString() ?? "none")}   min spacing: {(d.MinSpacing?.ToString() ?? "none")}");
            w.WriteLine($"  retention: keep {d.Retention.KeepSucceeded} ok / {d.Retention.KeepFailed} failed, {d.Retention.EffectiveMaxAge.TotalDays:0} days");
            w.WriteLine($"  parameters: {d.Parameters.ToJsonString()}");
            foreach (var s in view.Schedules)
            {
                w.WriteLine($"  schedule {s.Name}: {s.Text} [{s.TimeZone}] — {s.Description}");
                var def = (await store.ScheduleList(new ScheduleListParams(row.Id))).First(x => x.Name == s.Name).Definition;
                foreach (var f in FirePreview.Next(def, d.Name, ctx.Time.GetUtcNow(), 5))
                    w.WriteLine($"    {CliOutput.When(f.Utc)}  {f.Local.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}{(f.Note is null ? "" : "  " + f.Note)}");
            }
            return ExitCodes.Ok;
        });
        return show;
    }

    private static Command Enable(CliContext ctx)
    {
        var name = new Argument<string>("name");
        var enable = new Command("enable", "Resume a paused task (paused occurrences are recorded as skipped)") { name };
        enable.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            if (!await ctx.Client(store).ResumeAsync(p.GetValue(name)!)) throw NotFound(p.GetValue(name)!);
            ctx.Out.WriteLine($"task: {p.GetValue(name)} enabled");
            return ExitCodes.Ok;
        });
        return enable;
    }

    private static Command Disable(CliContext ctx)
    {
        var name = new Argument<string>("name");
        var reason = new Option<string?>("--reason") { Description = "Why it is paused (shown in listings)" };
        var until = new Option<string?>("--until") { Description = "Resume automatically at this ISO 8601 instant" };
        var disable = new Command("disable", "Pause a task's schedules (manual runs stay possible)") { name, reason, until };
        disable.SetAction(async p =>
        {
            DateTimeOffset? at = p.GetValue(until) is { } u
                ? DateTimeOffset.TryParse(u, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v
                    : throw new RotaException("cli.bad_instant", $"task: --until '{u}' is not an ISO 8601 instant")
                : null;
            await using var store = await ctx.OpenStoreAsync(p);
            if (!await ctx.Client(store).PauseAsync(p.GetValue(name)!, p.GetValue(reason) ?? "paused from the CLI", at)) throw NotFound(p.GetValue(name)!);
            ctx.Out.WriteLine($"task: {p.GetValue(name)} paused{(at is { } a ? $" until {CliOutput.When(a)}" : "")}");
            return ExitCodes.Ok;
        });
        return disable;
    }

    private static Command Delete(CliContext ctx)
    {
        var name = new Argument<string>("name");
        var delete = new Command("delete", "Delete a task with its schedules and history") { name };
        delete.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            if (!await store.TaskDelete(p.GetValue(name)!)) throw NotFound(p.GetValue(name)!);
            ctx.Out.WriteLine($"task: {p.GetValue(name)} deleted");
            return ExitCodes.Ok;
        });
        return delete;
    }

    internal static RotaException NotFound(string name) => new("task.not_found", $"task: no task named '{name}' (see 'rota task list')");
}
