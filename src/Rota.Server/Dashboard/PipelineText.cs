using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Pipelines;
using Rota.Scheduling;
using Rota.Storage;
using Rota.Tasks;
using Rota.Configuration;

namespace Rota.Server.Dashboard;

/// <summary>A stored pipeline written back in the input shape (JSON, as <c>PUT /api/v1/pipelines</c> takes it) to prefill
/// the editor. Schedules with cron or interval triggers are written; others (at, after_completion, exclusions, …) are
/// left out, and the editor says so.</summary>
public static class PipelineText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="schedules">The pipeline's stored schedules (the store's, not the task definition's copy).</param>
    public static string Of(TaskRow task, IReadOnlyList<ScheduleDefinition> schedules) => Json(task, schedules).ToJsonString(Indented);

    /// <summary>The same as <see cref="Of"/>, as a JSON object (the builder starts from it).</summary>
    public static JsonObject Json(TaskRow task, IReadOnlyList<ScheduleDefinition> schedules) =>
        ToJson(PipelineTasks.FromTask(task.Definition)! with { Schedules = schedules });

    /// <summary>Indented JSON text of a definition in the input shape.</summary>
    public static string Indent(JsonObject definition) => definition.ToJsonString(Indented);

    /// <summary>True when writing the pipeline back would drop schedule settings the input shape here does not carry.</summary>
    public static bool LosesSchedules(IReadOnlyList<ScheduleDefinition> schedules) => schedules.Any(s => !Simple(s));

    private static bool Simple(ScheduleDefinition s) =>
        s.Specs.Count == 1 && s.Specs[0].Kind is TriggerKind.Cron or TriggerKind.Every && s.Jitter is null && s.StartAt is null && s.EndAt is null
        && s.MaxRuns is null && s.ExcludedDates.Count == 0 && s.Parameters is null && s.Specs[0].Phase is null;

    private static JsonObject ToJson(PipelineDefinition p)
    {
        var o = new JsonObject { ["name"] = p.Name };
        if (p.Description is not null) o["description"] = p.Description;
        if (p.Owner is not null) o["owner"] = p.Owner;
        if (!p.Enabled) o["enabled"] = false;
        var schedules = p.Schedules.Where(Simple).Select(Schedule).ToList();
        if (schedules.Count > 0) o["schedules"] = new JsonArray([.. schedules]);
        o["steps"] = new JsonArray([.. p.Steps.Select(Step)]);
        return o;
    }

    private static JsonObject Schedule(ScheduleDefinition s)
    {
        var spec = s.Specs[0];
        var o = new JsonObject { ["name"] = s.Name };
        if (spec.Kind == TriggerKind.Cron) o["cron"] = spec.Cron;
        else o["every"] = Duration(spec.Interval!.Value);
        if (s.TimeZone != "UTC") o["time_zone"] = s.TimeZone;
        if (!s.Enabled) o["enabled"] = false;
        return o;
    }

    private static JsonObject Step(PipelineStep s)
    {
        var o = new JsonObject { ["name"] = s.Name };
        if (s.Task is not null) o["task"] = s.Task;
        if (s.Handler is not null) o["handler"] = s.Handler;
        if (s.Parameters.Count > 0) o["parameters"] = s.Parameters.DeepClone();
        if (s.After is not null) o["after"] = new JsonArray([.. s.After.Select(a => (JsonNode)JsonValue.Create(a))]);
        if (s.When is not null) o["when"] = s.When;
        if (s.ContinueOnFailure) o["continue_on_failure"] = true;
        if (s.Timeout is { } t) o["timeout"] = Duration(t);
        if (s.Retry is { } r) o["retry"] = Retry(r);
        return o;
    }

    /// <summary>Every setting of the policy that differs from the default, so reading it back gives the same policy.</summary>
    private static JsonObject Retry(RetryPolicy r)
    {
        var d = RetryPolicy.Default;
        var o = new JsonObject { ["attempts"] = r.MaxAttempts };
        if (r.BaseDelay is { } backoff) o["backoff"] = Duration(backoff);
        if (r.Factor != d.Factor) o["factor"] = r.Factor;
        if (r.MaxDelay is { } max) o["max_backoff"] = Duration(max);
        if (r.Jitter != d.Jitter) o["jitter"] = r.Jitter;
        if (r.RetryPermanentErrors) o["retry_permanent"] = true;
        return o;
    }

    /// <summary>The short form (<c>5m</c>) when it reads back exactly, else seconds with their fraction.</summary>
    private static string Duration(TimeSpan t)
    {
        var text = DurationText.Format(t);
        return DurationText.TryParse(text, out var back) && back == t ? text : t.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
    }

}
