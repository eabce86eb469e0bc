using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Cli.Backends;
using Rota.Runs;
using Spectre.Console;

namespace Rota.Cli.Commands;

/// <summary><c>rota task run NAME [--param k=v] [--wait]</c>: queue a run now and optionally follow it to the end.</summary>
public static class TaskRunCommand
{
    public static Command Create(CliContext ctx)
    {
        var name = new Argument<string>("name");
        var param = new Option<string[]>("--param", "-p") { Description = "Parameter key=value (repeatable; values parse as JSON when they can)", AllowMultipleArgumentsPerToken = false };
        var paramsJson = new Option<string?>("--params-json") { Description = "Parameters as one JSON object" };
        var key = new Option<string?>("--idempotency-key") { Description = "A second run with the same key returns the first" };
        var ignoreOverlap = new Option<bool>("--ignore-overlap") { Description = "Queue even if the overlap policy would skip" };
        var wait = new Option<bool>("--wait") { Description = "Follow the run with a progress bar until it ends" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var run = new Command("run", "Run a task now") { name, param, paramsJson, key, ignoreOverlap, wait, json };
        run.SetAction(async (p, ct) =>
        {
            var parameters = Parameters(p.GetValue(param) ?? [], p.GetValue(paramsJson));
            await using var backend = await ctx.OpenBackendAsync(p);
            var result = await backend.RunTaskAsync(new TriggerRequest(p.GetValue(name)!, parameters, $"cli:{Environment.UserName}",
                p.GetValue(key), p.GetValue(ignoreOverlap)), ct);
            if (result.Status == "skipped")
            {
                if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, result);
                else ctx.Out.WriteLine($"run {result.RunId}: skipped — {result.Reason}{(result.ConflictingRunId is { } c ? $" (active run {c}); use --ignore-overlap to queue anyway" : "")}");
                return ExitCodes.RunCancelled;
            }
            if (!p.GetValue(wait))
            {
                if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, result);
                else ctx.Out.WriteLine($"run {result.RunId}: {(result.Duplicate ? "already exists (same idempotency key)" : "queued")}; {(CliContext.ServerUrl(p) is null ? "a running 'rota serve' on this database executes it." : "the server executes it.")} Follow with 'rota run show {result.RunId}'.");
                return ExitCodes.Ok;
            }
            var final = await FollowAsync(ctx, backend, result.RunId, p.GetValue(json), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, final);
            else ctx.Out.WriteLine($"run {final.Id}: {final.Status}{(final.Error is { } e ? $" — {e.Type}: {e.Message}" : "")}");
            return final.Status switch
            {
                "succeeded" or "partial" => ExitCodes.Ok,
                "cancelled" or "skipped" or "missed" => ExitCodes.RunCancelled,
                _ => ExitCodes.RunFailed,
            };
        });
        return run;
    }

    internal static async Task<RunView> FollowAsync(CliContext ctx, ICliBackend backend, long id, bool quiet, CancellationToken ct)
    {
        var interactive = ReferenceEquals(ctx.Out, Console.Out) && !Console.IsOutputRedirected && !quiet;
        if (!interactive)
        {
            string? last = null;
            while (true)
            {
                var (run, _) = await backend.GetRunAsync(id, ct);
                var line = $"run {id}: {run.Status} {run.Progress?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}% {run.ProgressText}";
                if (!quiet && line != last) ctx.Out.WriteLine(line);
                last = line;
                if (IsTerminal(run.Status)) return run;
                await Task.Delay(200, ct);
            }
        }
        RunView? result = null;
        await AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask($"run {id}: waiting", maxValue: 100);
                while (true)
                {
                    var (run, _) = await backend.GetRunAsync(id, ct);
                    bar.Description = Markup.Escape($"run {id}: {run.Status}{(run.ProgressText is { } t ? " — " + t : "")}");
                    if (run.Progress is { } pr) bar.Value = pr;
                    if (IsTerminal(run.Status))
                    {
                        bar.Value = 100;
                        bar.StopTask();
                        result = run;
                        return;
                    }
                    await Task.Delay(200, ct);
                }
            });
        return result!;
    }

    private static bool IsTerminal(string status) => TextNames.TryParse<RunStatus>(status, out var s) && s.IsTerminal();

    internal static JsonObject? Parameters(string[] pairs, string? json)
    {
        JsonObject? result = null;
        if (json is not null)
        {
            try { result = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not an object"); }
            catch (JsonException ex) { throw new RotaException("cli.bad_parameters", $"task: --params-json is not a JSON object: {ex.Message}"); }
        }
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new RotaException("cli.bad_parameters", $"task: --param '{pair}' must look like key=value");
            result ??= new JsonObject();
            var value = pair[(eq + 1)..];
            JsonNode? node;
            try { node = JsonNode.Parse(value); }
            catch (JsonException) { node = JsonValue.Create(value); }
            result[pair[..eq]] = node;
        }
        return result;
    }
}
