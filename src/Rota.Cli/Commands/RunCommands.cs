using System.CommandLine;
using System.Globalization;
using Rota.Runs;

namespace Rota.Cli.Commands;

/// <summary><c>rota run list|show|logs|cancel</c>: the history of every run.</summary>
public static class RunCommands
{
    public static Command Create(CliContext ctx)
    {
        var run = new Command("run", "Inspect and cancel runs");
        run.Subcommands.Add(List(ctx));
        run.Subcommands.Add(Show(ctx));
        run.Subcommands.Add(Logs(ctx));
        run.Subcommands.Add(Cancel(ctx));
        return run;
    }

    private static Command List(CliContext ctx)
    {
        var task = new Option<string?>("--task") { Description = "Only runs of this task" };
        var status = new Option<string?>("--status") { Description = "scheduled|available|running|succeeded|partial|failed|cancelled|timed_out|abandoned|skipped|missed" };
        var trigger = new Option<string?>("--trigger") { Description = "schedule|manual|retry|backfill|pipeline|dependency|api" };
        var limit = new Option<int>("--limit") { Description = "Page size (default 50; at most 500 with --server)", DefaultValueFactory = _ => 50 };
        var before = new Option<long?>("--before-id") { Description = "Cursor: runs older than this id" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List runs, newest first") { task, status, trigger, limit, before, json };
        list.SetAction(async (p, ct) =>
        {
            var query = new RunQuery(
                p.GetValue(task),
                p.GetValue(status) is { } s ? TextNames.Of(Parse<RunStatus>(s, "--status")) : null,
                p.GetValue(trigger) is { } t ? TextNames.Of(Parse<RunTrigger>(t, "--trigger")) : null,
                p.GetValue(limit) is var l and >= 1 and <= 10_000 ? l : throw new RotaException("cli.bad_limit", $"run: --limit {p.GetValue(limit)} must be between 1 and 10000"),
                p.GetValue(before));
            await using var backend = await ctx.OpenBackendAsync(p);
            var page = await backend.ListRunsAsync(query, ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, new { runs = page.Runs, next_before_id = page.NextBeforeId }); return ExitCodes.Ok; }
            CliOutput.WriteTable(ctx.Out, ["Id", "Task", "Trigger", "Status", "Nominal (UTC)", "Started (UTC)", "Duration", "Try", "Reason / error"],
                page.Runs.Select(r => new[]
                {
                    r.Id.ToString(CultureInfo.InvariantCulture), r.Task, r.Trigger, r.Status,
                    CliOutput.When(r.NominalTime), CliOutput.When(r.StartedAt), CliOutput.Span(r.Duration), $"{r.Attempt}/{r.MaxAttempts}",
                    r.Error is { } e ? $"{e.Type}: {e.Message}" : r.Reason,
                }));
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Show(CliContext ctx)
    {
        var id = new Argument<long>("id");
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var show = new Command("show", "Show a run: attempts, progress, stats, error, logs") { id, json };
        show.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var (run, attempts) = await backend.GetRunAsync(p.GetValue(id), ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, new { run, attempts }); return ExitCodes.Ok; }
            var w = ctx.Out;
            w.WriteLine($"run {run.Id} of {run.Task}: {run.Status}{(run.Reason is null ? "" : $" ({run.Reason})")}");
            w.WriteLine($"  trigger:  {run.Trigger}{(run.TriggeredBy is null ? "" : $" by {run.TriggeredBy}")}{(run.Schedule is null ? "" : $", schedule {run.Schedule}")}");
            w.WriteLine($"  nominal:  {CliOutput.When(run.NominalTime)}   started: {CliOutput.When(run.StartedAt)}   lateness: {CliOutput.Span(run.Lateness)}");
            w.WriteLine($"  ended:    {CliOutput.When(run.EndedAt)}   duration: {CliOutput.Span(run.Duration)}   attempt {run.Attempt}/{run.MaxAttempts} on {run.Node ?? "–"}");
            if (run.Progress is not null || run.ProgressText is not null) w.WriteLine($"  progress: {run.Progress}% {run.ProgressText}");
            if (run.Parameters is not null) w.WriteLine($"  parameters: {run.Parameters.ToJsonString()}");
            if (run.Stats is not null) w.WriteLine($"  stats:    {run.Stats.ToJsonString()}");
            if (run.Error is { } e) w.WriteLine($"  error:    {e.Type}: {e.Message} ({(e.IsTransient ? "transient" : "permanent")})");
            foreach (var a in attempts)
                w.WriteLine($"  attempt {a.Attempt}: {a.Status} {CliOutput.When(a.StartedAt)} → {CliOutput.When(a.EndedAt)} on {a.Node}{(a.Error is { } ae ? $" — {ae.Type}: {ae.Message}" : "")}");
            if (run.Logs is { Length: > 0 }) { w.WriteLine("  logs:"); foreach (var line in run.Logs.Split('\n', StringSplitOptions.RemoveEmptyEntries)) w.WriteLine("    " + line); }
            return ExitCodes.Ok;
        });
        return show;
    }

    private static Command Logs(CliContext ctx)
    {
        var id = new Argument<long>("id");
        var logs = new Command("logs", "Print a run's captured logs as they are (nothing when it logged nothing)") { id };
        logs.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var text = await backend.GetRunLogsAsync(p.GetValue(id), ct);
            ctx.Out.Write(text.Length == 0 || text.EndsWith('\n') ? text : text + "\n");
            return ExitCodes.Ok;
        });
        return logs;
    }

    private static Command Cancel(CliContext ctx)
    {
        var id = new Argument<long>("id");
        var reason = new Option<string?>("--reason") { Description = "Recorded on the run" };
        var cancel = new Command("cancel", "Cancel a waiting run, or ask a running one to stop") { id, reason };
        cancel.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var result = await backend.CancelRunAsync(p.GetValue(id), p.GetValue(reason) ?? "cancelled from the CLI", ct);
            switch (result.Outcome)
            {
                case "already_finished":
                    ctx.Out.WriteLine($"run {p.GetValue(id)}: already finished ({result.Status})");
                    return ExitCodes.RuntimeError;
                case "cancel_requested":
                    ctx.Out.WriteLine($"run {p.GetValue(id)}: cancellation requested; the node running it stops it within a second");
                    return ExitCodes.Ok;
                default:
                    ctx.Out.WriteLine($"run {p.GetValue(id)}: cancelled");
                    return ExitCodes.Ok;
            }
        });
        return cancel;
    }

    internal static RotaException NotFound(long id) => new("run.not_found", $"run: no run with id {id}");

    private static T Parse<T>(string text, string option) where T : struct, Enum =>
        TextNames.TryParse<T>(text, out var v) ? v
            : throw new RotaException("cli.bad_value", $"run: {option} '{text}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(x => TextNames.Of(x)))}");
}
