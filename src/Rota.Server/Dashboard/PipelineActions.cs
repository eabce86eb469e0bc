using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Rota.Configuration;
using Rota.Pipelines;
using Rota.Runs;
using Rota.Server.Auth;
using Rota.Server.Endpoints;
using Rota.Server.Hosting;
using Rota.Server.Problems;
using Rota.Tasks;
using YamlDotNet.RepresentationModel;

namespace Rota.Server.Dashboard;

/// <summary>Pipeline changes from the dashboard: Run now and Run this step (the Run now rate limit, audited like the API),
/// and the editor's check and save, which validate through <see cref="PipelineInput"/> — the rules of
/// <c>PUT /api/v1/pipelines/{name}</c>.</summary>
public sealed class PipelineActions(RotaEngine engine, PipelineReader reader, IOptions<RotaServerOptions> options, Auditor audit, DashboardTriggerLimiter limiter)
{
    public const string RunPipeline = "pipeline-run";

    /// <summary>Starts the pipeline (or only <paramref name="step"/>); null when the caller cannot see it (404).</summary>
    public async Task<ActionOutcome?> RunAsync(HttpContext http, string? name, string? step)
    {
        var caller = http.Caller();
        var task = name is null ? null : await reader.TaskAsync(caller, name, http.RequestAborted);
        if (task is null) return null;
        var page = "/pipelines/" + Uri.EscapeDataString(task.Name);
        if (!limiter.TryAcquire(caller)) return limiter.Refusal(page);
        TriggerResult result;
        try
        {
            result = await engine.Client.RunPipelineAsync(task.Name, step, null, $"dashboard:{caller.Name}", http.RequestAborted);
        }
        catch (RotaException ex) when (ex.Code == "pipeline.unknown_step")
        {
            return new ActionOutcome(page, null, ex.Message);
        }
        if (result.Status == RunStatus.Skipped)
            return new ActionOutcome(page, null, $"Pipeline '{task.Name}' already has an active run ({result.ConflictingRunId}); its overlap policy skipped this one.");
        if (!result.Duplicate)
            await audit.RecordAsync(http, "pipeline.run", "pipeline:" + task.Name, new JsonObject { ["run_id"] = result.RunId, ["step"] = step, ["via"] = "dashboard" });
        var what = step is null ? "" : $" (only step '{step}')";
        return new ActionOutcome(page, $"Run {result.RunId.ToString(CultureInfo.InvariantCulture)} of '{task.Name}'{what} queued.", null);
    }

    /// <summary>Checks the editor's text (YAML or JSON) with the API's rules; <paramref name="routeName"/> is the pipeline
    /// being edited (null: a new one). Errors are every problem found, each a line for the page.</summary>
    public async Task<PipelineCheck> CheckAsync(Caller caller, string text, string? routeName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return PipelineCheck.Failed("Write the pipeline as YAML or JSON: a name and a list of steps.");
        var root = Parse(text, out var parseError);
        if (root is null) return PipelineCheck.Failed(parseError ?? "The text is not a YAML or JSON mapping.");
        var check = await CheckDefinitionAsync(caller, root, routeName, ct);
        return new PipelineCheck(check.Pipeline, [.. check.Errors.Select(e => e.ToString())]);
    }

    /// <summary>Checks a definition in the input shape (the builder's, or parsed text) with the API's rules; every error
    /// keeps its path (<c>steps[2].when</c>) so the builder can show it next to its field.</summary>
    public async Task<(PipelineDefinition? Pipeline, IReadOnlyList<ConfigError> Errors)> CheckDefinitionAsync(Caller caller, JsonObject root, string? routeName,
        CancellationToken ct)
    {
        var existing = await engine.Store.TaskGet(routeName ?? (root["name"] as JsonValue)?.ToString() ?? "", ct);
        if (routeName is null && existing is not null)
            return (null, [new ConfigError("name", null, $"'{existing.Name}' already exists as a task or pipeline; choose another name")]);
        if (routeName is not null && (existing is null || !PipelineTasks.IsPipeline(existing.Definition) || !caller.Owns(existing.Definition.Owner)))
            return (null, [new ConfigError("", null, $"There is no pipeline '{routeName}' to change.")]);
        try
        {
            var p = await PipelineInput.ValidateAsync(new JsonBody(root, root.ToJsonString()), caller, routeName, engine, options.Value, ct);
            if (existing is not null && (!caller.IsAdmin || p.Owner is null)) p = p with { Owner = existing.Definition.Owner };
            return (p, []);
        }
        catch (ConfigValidationException ex)
        {
            return (null, ex.Errors);
        }
        catch (ApiProblem ex)
        {
            return (null, [new ConfigError(ex.Field ?? "", null, ex.Message)]);
        }
    }

    /// <summary>Stores a pipeline that passed <see cref="CheckAsync"/> and audits it like the API.</summary>
    public async Task<ActionOutcome> SaveAsync(HttpContext http, PipelineDefinition p, bool creating)
    {
        var row = await engine.Client.ApplyPipelineAsync(p, TaskOrigin.Api, http.RequestAborted);
        await audit.RecordAsync(http, creating ? "pipeline.create" : "pipeline.update", "pipeline:" + p.Name,
            new JsonObject { ["version"] = row.Version, ["via"] = "dashboard" });
        return new ActionOutcome("/pipelines/" + Uri.EscapeDataString(p.Name), $"Pipeline '{p.Name}' saved (version {row.Version.ToString(CultureInfo.InvariantCulture)}).", null);
    }

    /// <summary>JSON when the text starts with '{', YAML otherwise (YAML's plain scalars become typed JSON as in rota.yaml).</summary>
    internal static JsonObject? Parse(string text, out string? error)
    {
        error = null;
        try
        {
            if (text.TrimStart().StartsWith('{'))
                return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false }) as JsonObject;
            var errors = new List<ConfigError>();
            var node = YamlTreeLoader.Load(text, "yaml", errors);
            if (errors.Count > 0) { error = string.Join("; ", errors.Select(e => e.ToString())); return null; }
            return node is YamlMappingNode ? ConfigReader.ToJson(node) as JsonObject : null;
        }
        catch (JsonException ex)
        {
            error = ex.LineNumber is { } line ? $"Not valid JSON (line {line + 1}, position {ex.BytePositionInLine + 1})." : "Not valid JSON.";
            return null;
        }
    }
}

/// <summary>The editor's verdict: the pipeline as it would be stored, or every error found.</summary>
public sealed record PipelineCheck(PipelineDefinition? Pipeline, IReadOnlyList<string> Errors)
{
    public static PipelineCheck Failed(string error) => new(null, [error]);
}
