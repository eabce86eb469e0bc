using System.CommandLine;
using System.Globalization;

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
        list.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var views = await backend.ListTasksAsync(ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, views); return ExitCodes.Ok; }
            var now = ctx.Time.GetUtcNow();
            CliOutput.WriteTable(ctx.Out, ["Task", "Handler", "Schedule", "In words", "Next fire (local time)", "Last", "State"],
                views.Select(v => new[]
                {
                    v.Name, v.Handler,
                    string.Join("; ", v.Schedules.Select(s => s.Text + (s.TimeZone == "UTC" ? "" : $" ({s.TimeZone})"))),
                    string.Join("; ", v.Schedules.Select(s => s.Description)),
                    CliOutput.Local(v.Schedules.Select(s => s.NextFireAt).Where(n => n is not null).Min(), now, ctx.LocalZone),
                    CliOutput.LastRun(v.LastStatus, v.LastRunAt, now, ctx.LocalZone),
                    CliOutput.State(v.Enabled, v.PausedReason),
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
        show.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var detail = await backend.GetTaskAsync(p.GetValue(name)!, ctx.Time.GetUtcNow(), ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, new { task = detail.View, definition = detail.Definition }); return ExitCodes.Ok; }
            var w = ctx.Out;
            w.WriteLine(detail.Heading);
            foreach (var line in detail.Lines) w.WriteLine("  " + line);
            foreach (var (s, fires) in detail.Fires)
            {
                w.WriteLine($"  schedule {s.Name}: {s.Text} [{s.TimeZone}] — {s.Description}");
                foreach (var f in fires)
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
        enable.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            await backend.EnableTaskAsync(p.GetValue(name)!, ct);
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
        disable.SetAction(async (p, ct) =>
        {
            DateTimeOffset? at = p.GetValue(until) is { } u
                ? DateTimeOffset.TryParse(u, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v
                    : throw new RotaException("cli.bad_instant", $"task: --until '{u}' is not an ISO 8601 instant")
                : null;
            await using var backend = await ctx.OpenBackendAsync(p);
            await backend.DisableTaskAsync(p.GetValue(name)!, p.GetValue(reason) ?? "paused from the CLI", at, ct);
            ctx.Out.WriteLine($"task: {p.GetValue(name)} paused{(at is { } a ? $" until {CliOutput.When(a)}" : "")}");
            return ExitCodes.Ok;
        });
        return disable;
    }

    private static Command Delete(CliContext ctx)
    {
        var name = new Argument<string>("name");
        var delete = new Command("delete", "Delete a task with its schedules and history") { name };
        delete.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            await backend.DeleteTaskAsync(p.GetValue(name)!, ct);
            ctx.Out.WriteLine($"task: {p.GetValue(name)} deleted");
            return ExitCodes.Ok;
        });
        return delete;
    }

    internal static RotaException NotFound(string name) => new("task.not_found", $"task: no task named '{name}' (see 'rota task list')");
}
