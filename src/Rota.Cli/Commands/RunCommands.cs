using System.CommandLine;
using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary><c>rota run list|show|cancel</c>: the history of every run.</summary>
public static class RunCommands
{
    public static Command Create(CliContext ctx)
    {
        var run = new Command("run", "Inspect and cancel runs");
        run.Subcommands.Add(List(ctx));
        run.Subcommands.Add(Show(ctx));
        run.Subcommands.Add(Cancel(ctx));
        return run;
    }

    private static Command List(CliContext ctx)
    {
        var task = new Option<string?>("--task") { Description = "Only runs of this task" };
        var status = new Option<string?>("--status") { Description = "scheduled|available|running|succeeded|partial|failed|cancelled|timed_out|abandoned|skipped|missed" };
        var trigger = new Option<string?>("--trigger") { Description = "schedule|manual|retry|backfill|pipeline|dependency|api" };
        var limit = new Option<int>("--limit") { Description = "Page size (default 50)", DefaultValueFactory = _ => 50 };
        var before = new Option<long?>("--before-id") { Description = "Cursor: runs older than this id" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List runs, newest first") { task, status, trigger, limit, before, json };
        list.SetAction(async p =>
        {
            var filter = new RunListParams
            {
                TaskName = p.GetValue(task),
                Status = p.GetValue(status) is { } s ? Parse<RunStatus>(s, "--status") : null,
                Trigger = p.GetValue(trigger) is { } t ? Parse<RunTrigger>(t, "--trigger") : null,
                Limit = p.GetValue(limit) is var l and >= 1 and <= 10_000 ? l : throw new RotaException("cli.bad_limit", $"run: --limit {p.GetValue(limit)} must be between 1 and 10000"),
                BeforeId = p.GetValue(before),
            };
            await using var store = await ctx.OpenStoreAsync(p);
            var runs = await store.RunList(filter);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, new { runs = runs.Select(View), next_before_id = runs.Count == filter.Limit ? runs[^1].Id : (long?)null }); return ExitCodes.Ok; }
            CliOutput.WriteTable(ctx.Out, ["Id", "Task", "Trigger", "Status", "Nominal (UTC)", "Started (UTC)", "Duration", "Try", "Reason / error"],
                runs.Select(r => new[]
                {
                    r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.TaskName, r.Trigger.ToString().ToLowerInvariant(), r.Status.ToText(),
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
        show.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            var run = await store.RunGet(p.GetValue(id)) ?? throw new RotaException("run.not_found", $"run: no run with id {p.GetValue(id)}");
            var attempts = await store.RunAttemptList(run.Id);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, new { run = View(run), attempts }); return ExitCodes.Ok; }
            var w = ctx.Out;
            w.WriteLine($"run {run.Id} of {run.TaskName}: {run.Status.ToText()}{(run.Reason is null ? "" : $" ({run.Reason})")}");
            w.WriteLine($"  trigger:  {run.Trigger.ToString().ToLowerInvariant()}{(run.TriggeredBy is null ? "" : $" by {run.TriggeredBy}")}{(run.ScheduleName is null ? "" : $", schedule {run.ScheduleName}")}");
            w.WriteLine($"  nominal:  {CliOutput.When(run.NominalTime)}   started: {CliOutput.When(run.FirstStartedAt)}   lateness: {CliOutput.Span(run.Lateness)}");
            w.WriteLine($"  ended:    {CliOutput.When(run.EndedAt)}   duration: {CliOutput.Span(run.Duration)}   attempt {run.Attempt}/{run.MaxAttempts} on {run.Node ?? "–"}");
            if (run.Progress is not null || run.ProgressText is not null) w.WriteLine($"  progress: {run.Progress}% {run.ProgressText}");
            if (run.Parameters is not null) w.WriteLine($"  parameters: {run.Parameters.ToJsonString()}");
            if (run.Stats is not null) w.WriteLine($"  stats:    {run.Stats.ToJsonString()}");
            if (run.Error is { } e) w.WriteLine($"  error:    {e.Type}: {e.Message} ({(e.IsTransient ? "transient" : "permanent")})");
            foreach (var a in attempts)
                w.WriteLine($"  attempt {a.Attempt}: {a.Status.ToText()} {CliOutput.When(a.StartedAt)} → {CliOutput.When(a.EndedAt)} on {a.Node}{(a.Error is { } ae ? $" — {ae.Type}: {ae.Message}" : "")}");
            if (run.Logs is not null) { w.WriteLine("  logs:"); foreach (var line in run.Logs.Split('\n', StringSplitOptions.RemoveEmptyEntries)) w.WriteLine("    " + line); }
            return ExitCodes.Ok;
        });
        return show;
    }

    private static Command Cancel(CliContext ctx)
    {
        var id = new Argument<long>("id");
        var reason = new Option<string?>("--reason") { Description = "Recorded on the run" };
        var cancel = new Command("cancel", "Cancel a waiting run, or ask a running one to stop") { id, reason };
        cancel.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            var result = await ctx.Client(store).CancelRunAsync(p.GetValue(id), p.GetValue(reason) ?? "cancelled from the CLI");
            switch (result.Outcome)
            {
                case RunCancelOutcome.NotFound: throw new RotaException("run.not_found", $"run: no run with id {p.GetValue(id)}");
                case RunCancelOutcome.AlreadyFinished:
                    ctx.Out.WriteLine($"run {p.GetValue(id)}: already finished ({result.Status?.ToText()})");
                    return ExitCodes.RuntimeError;
                case RunCancelOutcome.CancelRequested:
                    ctx.Out.WriteLine($"run {p.GetValue(id)}: cancellation requested; the node running it stops it within a second");
                    return ExitCodes.Ok;
                default:
                    ctx.Out.WriteLine($"run {p.GetValue(id)}: cancelled");
                    return ExitCodes.Ok;
            }
        });
        return cancel;
    }

    internal static object View(RunRecord r) => new
    {
        id = r.Id, task = r.TaskName, schedule = r.ScheduleName, trigger = r.Trigger, triggered_by = r.TriggeredBy,
        status = r.Status.ToText(), reason = r.Reason, queue = r.Queue, priority = r.Priority,
        nominal_time = r.NominalTime, scheduled_at = r.ScheduledAt, created_at = r.CreatedAt, started_at = r.FirstStartedAt,
        ended_at = r.EndedAt, duration_ms = r.Duration?.TotalMilliseconds, lateness_ms = r.Lateness?.TotalMilliseconds,
        attempt = r.Attempt, max_attempts = r.MaxAttempts, node = r.Node, progress = r.Progress, progress_text = r.ProgressText,
        parameters = CliOutput.Node(r.Parameters), stats = CliOutput.Node(r.Stats), error = r.Error, logs = r.Logs,
    };

    private static T Parse<T>(string text, string option) where T : struct, Enum =>
        TextNames.TryParse<T>(text, out var v) ? v
            : throw new RotaException("cli.bad_value", $"run: {option} '{text}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(x => TextNames.Of(x)))}");
}
