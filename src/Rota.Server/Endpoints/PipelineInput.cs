using Rota.Configuration;
using Rota.Pipelines;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary>The rules a pipeline definition from a caller must pass before it is stored — shared by
/// <c>POST/PUT /api/v1/pipelines</c> and the dashboard's pipeline editor, so both accept exactly the same pipelines.
/// Throws <see cref="ConfigValidationException"/> (every error listed) or <see cref="ApiProblem"/>.</summary>
public static class PipelineInput
{
    public static async Task<PipelineDefinition> ValidateAsync(JsonBody body, Caller caller, string? routeName, RotaEngine engine, RotaServerOptions options,
        CancellationToken ct)
    {
        if (routeName is not null && !body.Root.ContainsKey("name")) body.Root["name"] = routeName;
        body.Allow(PipelineConfigReader.Keys);
        body.String("name", required: true, maxLength: 100);
        // Steps may reference only tasks the caller could see; anything else reads as unknown.
        var visible = (await engine.Store.TaskList(new TaskListParams(caller.OwnerScope), ct))
            .ToDictionary(t => t.Name, t => t.Definition.Handler, StringComparer.Ordinal);
        var handlers = engine.HandlerKinds.Where(k => k != PipelineTasks.Handler).ToHashSet(StringComparer.Ordinal);
        var p = ConfigLoader.ParsePipeline(body.Root.ToJsonString(), "body", visible.GetValueOrDefault, handlers);
        if (routeName is not null && p.Name != routeName) throw ApiProblem.Invalid("name", p.Name, $"must match the pipeline in the URL ('{routeName}'); pipelines are not renamed");
        if (p.Owner is { } owner && !caller.Owns(owner)) throw ApiProblem.Forbidden($"auth: only admins may create pipelines owned by another user ('{owner}')");
        if (p.Owner is null && !caller.IsAdmin) p = p with { Owner = caller.Name };
        var command = p.Steps.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Handler == "command");
        if (command.s is not null && !(options.AllowCommandTasks && caller.IsAdmin))
            throw new ApiProblem(403, "task.command_not_allowed", "pipeline: inline command steps are not allowed through the API for this caller; define them in rota.yaml",
                $"steps[{command.i}].handler", "command");
        foreach (var step in p.Steps.Where(PipelineTasks.NeedsStepTask))
            if (await engine.Store.TaskGet(PipelineTasks.TaskOf(p.Name, step), ct) is { } taken && !taken.Definition.Tags.Contains("pipeline:" + p.Name))
                throw new ApiProblem(409, "pipeline.conflict", $"pipeline: step '{step.Name}' needs the task name '{taken.Name}', which is already taken", "steps", step.Name);
        return p;
    }
}
