using System.CommandLine;
using System.Globalization;
using Rota.Cli.Backends;
using Rota.Server.Views;

namespace Rota.Cli.Commands;

/// <summary><c>rota pipeline list|show|run|runs|log</c>: seed 000's run-all / run-one and its per-step task log.</summary>
public static class PipelineCommands
{
    public static Command Create(CliContext ctx)
    {
        var pipeline = new Command("pipeline", "List, inspect and run pipelines; show their step logs");
        pipeline.Subcommands.Add(List(ctx));
        pipeline.Subcommands.Add(Show(ctx));
        pipeline.Subcommands.Add(Run(ctx));
        pipeline.Subcommands.Add(Runs(ctx));
        pipeline.Subcommands.Add(Log(ctx));
        return pipeline;
    }

    internal static RotaException NotFound(string name) => new("pipeline.not_found", $"pipeline: no pipeline named '{name}' (see 'rota pipeline list')");

    private static Command List(CliContext ctx)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List pipelines with their steps and next fire") { json };
        list.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var views = await backend.ListPipelinesAsync(ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, views); return ExitCodes.Ok; }
            var now = ctx.Time.GetUtcNow();
            CliOutput.WriteTable(ctx.Out, ["Pipeline", "Steps", "Schedule", "Next fire (local time)", "Last", "State"], views.Select(v => new[]
            {
                v.Name, string.Join(" → ", v.Steps.Select(s => s.Name)), string.Join("; ", v.Schedules.Select(s => s.Description)),
                CliOutput.Local(v.NextFireAt, now, ctx.LocalZone),
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
        var show = new Command("show", "Show a pipeline's steps as a graph") { name, json };
        show.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var v = await backend.GetPipelineAsync(p.GetValue(name)!, ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, v); return ExitCodes.Ok; }
            foreach (var line in Graph(v)) ctx.Out.WriteLine(line);
            return ExitCodes.Ok;
        });
        return show;
    }

    /// <summary>The pipeline as text: one line per step in order with what it waits for, then the edges.</summary>
    internal static IEnumerable<string> Graph(PipelineView v)
    {
        yield return $"pipeline {v.Name}{(v.Description is { } d ? " — " + d : "")} ({(v.Enabled ? "enabled" : "paused: " + v.PausedReason)})";
        foreach (var s in v.Schedules) yield return $"  schedule {s.Name}: {string.Join(" | ", s.Specs)} ({s.Description})";
        foreach (var s in v.Steps)
        {
            var what = s.Handler is { } h ? $"handler {h}" : $"task {s.Task}";
            var after = s.After.Count == 0 ? "starts first" : "after " + string.Join(" + ", s.After);
            var extras = new List<string> { after };
            if (s.When is { } w) extras.Add($"when {w}");
            if (s.ContinueOnFailure) extras.Add("continues on failure");
            if (s.TimeoutSeconds is { } t) extras.Add($"timeout {TimeSpan.FromSeconds(t)}");
            if (s.MaxAttempts is { } a) extras.Add($"{a} attempts");
            yield return $"  {s.Number}. {s.Name} ({what}) — {string.Join("; ", extras)}";
        }
        if (v.Edges.Count == 0) yield break;
        yield return "  graph:";
        foreach (var group in v.Edges.GroupBy(e => e.From)) yield return $"    {group.Key} → {string.Join(", ", group.Select(e => e.To))}";
    }

    private static Command Run(CliContext ctx)
    {
        var name = new Argument<string>("name");
        var step = new Option<string?>("--step") { Description = "Run only this step (its name or 1-based number) with its parameters" };
        var param = new Option<string[]>("--param", "-p") { Description = "Parameter key=value merged over every step's (repeatable)", AllowMultipleArgumentsPerToken = false };
        var paramsJson = new Option<string?>("--params-json") { Description = "Parameters as one JSON object" };
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it ends, then print the step log" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var run = new Command("run", "Run a pipeline now: every step, or one with --step") { name, step, param, paramsJson, wait, json };
        run.SetAction(async (p, ct) =>
        {
            var parameters = TaskRunCommand.Parameters(p.GetValue(param) ?? [], p.GetValue(paramsJson));
            await using var backend = await ctx.OpenBackendAsync(p);
            var queued = await backend.RunPipelineAsync(p.GetValue(name)!, p.GetValue(step), parameters, ct);
            if (queued.Status == "skipped")
            {
                if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, queued);
                else ctx.Out.WriteLine($"pipeline run {queued.RunId}: skipped — {queued.Reason}{(queued.ConflictingRunId is { } c ? $" (active run {c})" : "")}");
                return ExitCodes.RunCancelled;
            }
            if (!p.GetValue(wait))
            {
                if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, queued);
                else ctx.Out.WriteLine($"pipeline run {queued.RunId}: queued; follow with 'rota pipeline log {queued.RunId}'.");
                return ExitCodes.Ok;
            }
            var final = await TaskRunCommand.FollowAsync(ctx, backend, queued.RunId, quiet: true, ct);
            var log = await backend.GetPipelineRunAsync(final.Id, ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, log);
            else WriteLog(ctx, log);
            return final.Status switch
            {
                "succeeded" or "partial" => ExitCodes.Ok,
                "cancelled" or "skipped" or "missed" => ExitCodes.RunCancelled,
                _ => ExitCodes.RunFailed,
            };
        });
        return run;
    }

    private static Command Runs(CliContext ctx)
    {
        var name = new Argument<string>("name");
        var limit = new Option<int>("--limit") { Description = "How many runs (default 20)", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var runs = new Command("runs", "Recent runs of a pipeline with their step outcomes") { name, limit, json };
        runs.SetAction(async (p, ct) =>
        {
            var n = p.GetValue(limit) is var l and >= 1 and <= 100 ? l : throw new RotaException("cli.bad_limit", $"pipeline: --limit {p.GetValue(limit)} must be between 1 and 100");
            await using var backend = await ctx.OpenBackendAsync(p);
            var logs = await backend.ListPipelineRunsAsync(p.GetValue(name)!, n, ct);
            if (p.GetValue(json)) { CliOutput.WriteJson(ctx.Out, logs); return ExitCodes.Ok; }
            CliOutput.WriteTable(ctx.Out, ["Id", "Trigger", "Status", "Started (UTC)", "Duration", "Steps"], logs.Select(x => new[]
            {
                x.Run.Id.ToString(CultureInfo.InvariantCulture), x.Run.Trigger, x.Run.Status, CliOutput.When(x.Run.StartedAt),
                CliOutput.Span(x.Run.EndedAt - x.Run.StartedAt),
                string.Join(", ", x.Steps.Select(s => $"{s.Step}: {s.Status}")),
            }));
            return ExitCodes.Ok;
        });
        return runs;
    }

    private static Command Log(CliContext ctx)
    {
        var id = new Argument<long>("run-id");
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var log = new Command("log", "The step log of one pipeline run: task, started, completed, status, stats, error") { id, json };
        log.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var entry = await backend.GetPipelineRunAsync(p.GetValue(id), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, entry);
            else WriteLog(ctx, entry);
            return ExitCodes.Ok;
        });
        return log;
    }

    private static void WriteLog(CliContext ctx, PipelineRunLog log)
    {
        var r = log.Run;
        ctx.Out.WriteLine($"pipeline run {r.Id} ({r.Task}): {r.Status}, started {CliOutput.When(r.StartedAt)}, completed {CliOutput.When(r.EndedAt)}"
            + (r.Error is { } e ? $" — {e.Message}" : ""));
        CliOutput.WriteTable(ctx.Out, ["Step", "Task", "Started (UTC)", "Completed (UTC)", "Status", "Stats", "Error"], log.Steps.Select(s => new[]
        {
            s.Step, s.Task, CliOutput.When(s.StartedAt), CliOutput.When(s.EndedAt), s.Status + (s.Status == "skipped" && s.Reason is { } why ? $" ({why})" : ""),
            s.Stats?.ToJsonString() ?? "–", s.Error is { } err ? $"{err.Type}: {err.Message}" : "–",
        }));
    }
}
