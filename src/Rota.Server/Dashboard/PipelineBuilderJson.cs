using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Configuration;
using Rota.Server.Dashboard.Models;

namespace Rota.Server.Dashboard;

/// <summary>Converts between the builder's form and the pipeline's input shape (the JSON <c>PUT /api/v1/pipelines/{name}</c>
/// takes), so the builder and the text tab edit the same definition and both are checked by <c>PipelineInput</c>.
/// Values go through as typed (a bad timeout stays a string) so the API's reader reports them at their field.</summary>
public static class PipelineBuilderJson
{
    private static readonly string[] ScheduleKeys = ["name", "cron", "every", "time_zone", "enabled"];
    private static readonly string[] StepKeys = ["name", "task", "handler", "parameters", "timeout", "retry", "continue_on_failure", "after", "when"];
    private static readonly string[] RetryKeys = ["attempts", "backoff", "factor", "max_backoff", "jitter", "retry_permanent"];

    /// <summary>The definition the form describes; <paramref name="problems"/> gets what cannot even be written as JSON
    /// (a parameter value marked JSON that is not), at the API's path for it.</summary>
    public static JsonObject ToJson(PipelineBuilderForm form, List<ConfigError> problems)
    {
        var o = new JsonObject { ["name"] = form.Name };
        if (form.Description.Trim().Length > 0) o["description"] = form.Description.Trim();
        if (form.Owner.Length > 0) o["owner"] = form.Owner;
        if (!form.Enabled) o["enabled"] = false;
        if (form.Schedules.Count > 0) o["schedules"] = new JsonArray([.. form.Schedules.Select(Schedule)]);
        o["steps"] = new JsonArray([.. form.Steps.Select((s, i) => Step(form, s, i, problems))]);
        return o;
    }

    private static JsonObject Schedule(BuilderSchedule s)
    {
        var o = new JsonObject();
        if (s.Name.Length > 0) o["name"] = s.Name;
        o[s.Kind == BuilderSchedule.Every ? "every" : "cron"] = s.Value;
        if (s.TimeZone.Length > 0) o["time_zone"] = s.TimeZone;
        if (!s.Enabled) o["enabled"] = false;
        return o;
    }

    private static JsonObject Step(PipelineBuilderForm form, BuilderStep s, int index, List<ConfigError> problems)
    {
        var o = new JsonObject { ["name"] = s.Name };
        if (s.Target == BuilderStep.TaskTarget) o["task"] = s.Task;
        else o["handler"] = s.Handler;
        var parameters = new JsonObject();
        foreach (var p in s.Parameters.Where(p => p.Key.Length > 0 || p.Value.Length > 0))
        {
            var path = $"steps[{index}].parameters";
            if (p.Key.Length == 0) { problems.Add(new ConfigError(path, p.Value, "a parameter needs a name")); continue; }
            if (parameters.ContainsKey(p.Key)) { problems.Add(new ConfigError(path, p.Key, $"parameter '{p.Key}' is given twice")); continue; }
            if (p.Type == BuilderParameter.Text) { parameters[p.Key] = p.Value; continue; }
            try { parameters[p.Key] = JsonNode.Parse(p.Value.Length == 0 ? "null" : p.Value); }
            catch (JsonException) { problems.Add(new ConfigError(path, p.Value, $"parameter '{p.Key}' is marked JSON but is not valid JSON (for text choose 'text')")); }
        }
        if (parameters.Count > 0) o["parameters"] = parameters;
        if (s.Timeout.Length > 0) o["timeout"] = s.Timeout;
        if (s.HasRetry) o["retry"] = Retry(s);
        if (s.ContinueOnFailure) o["continue_on_failure"] = true;
        if (s.AfterMode == BuilderStep.AfterChosen)
            o["after"] = new JsonArray([.. s.After.Select(form.ResolveAfter).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Select(n => (JsonNode)JsonValue.Create(n))]);
        if (s.When.Length > 0) o["when"] = s.When;
        return o;
    }

    private static JsonObject Retry(BuilderStep s)
    {
        var o = new JsonObject();
        if (s.RetryAttempts.Length > 0)
            o["attempts"] = int.TryParse(s.RetryAttempts, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : s.RetryAttempts;
        if (s.RetryBackoff.Length > 0) o["backoff"] = s.RetryBackoff;
        if (s.RetryFactor.Length > 0)
            o["factor"] = double.TryParse(s.RetryFactor, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : s.RetryFactor;
        if (s.RetryMaxBackoff.Length > 0) o["max_backoff"] = s.RetryMaxBackoff;
        if (s.RetryJitter.Length > 0) o["jitter"] = s.RetryJitter == "true";
        if (s.RetryPermanent) o["retry_permanent"] = true;
        return o;
    }

    /// <summary>The form for a definition in the input shape (from the text tab or a stored pipeline); null with the
    /// reason when it uses something the builder has no field for (then it stays a text edit).</summary>
    public static PipelineBuilderForm? FromJson(JsonObject root, out string? unsupported)
    {
        unsupported = null;
        var form = new PipelineBuilderForm();
        var problems = new List<string>();
        foreach (var (key, value) in root)
        {
            switch (key)
            {
                case "name": form.Name = Text(value, key, problems); break;
                case "description": form.Description = Text(value, key, problems); break;
                case "owner": form.Owner = Text(value, key, problems); break;
                case "enabled": form.Enabled = Flag(value, key, problems); break;
                case "steps" or "schedules" or "cron" or "every" or "time_zone": break;
                default: problems.Add($"'{key}'"); break;
            }
        }
        if (root["cron"] is not null || root["every"] is not null)
        {
            if (root["schedules"] is not null) problems.Add("both 'schedules' and the cron/every shorthand");
            var shorthand = new JsonObject();
            foreach (var k in new[] { "cron", "every", "time_zone" }) if (root[k] is { } v) shorthand[k] = v.DeepClone();
            AddSchedule(form, shorthand, "pipeline", problems);
        }
        else if (root["time_zone"] is not null) problems.Add("'time_zone' without cron or every");
        if (root["schedules"] is JsonArray schedules)
            for (var i = 0; i < schedules.Count; i++) AddSchedule(form, schedules[i] as JsonObject, $"schedules[{i}]", problems);
        else if (root["schedules"] is not null) problems.Add("'schedules' that is not a list");
        if (root["steps"] is JsonArray steps)
        {
            for (var i = 0; i < steps.Count; i++)
                if (steps[i] is JsonObject step) form.Steps.Add(FromStep(form, step, $"steps[{i}]", problems));
                else problems.Add($"steps[{i}] that is not a mapping");
            // After references by name become card references, so a rename in the builder carries over.
            foreach (var s in form.Steps)
                s.After = [.. s.After.Select(a => form.Steps.FirstOrDefault(x => x.Name == a) is { } t ? "#" + t.Key : a)];
        }
        else if (root["steps"] is not null) problems.Add("'steps' that is not a list");
        if (problems.Count == 0) return form;
        unsupported = string.Join(", ", problems);
        return null;
    }

    private static void AddSchedule(PipelineBuilderForm form, JsonObject? o, string path, List<string> problems)
    {
        if (o is null) { problems.Add(path + " that is not a mapping"); return; }
        foreach (var key in o.Select(kv => kv.Key).Where(k => !ScheduleKeys.Contains(k))) problems.Add($"{path}.{key}");
        if (o["cron"] is not null && o["every"] is not null) problems.Add($"{path} with both cron and every");
        var every = o["every"] is not null;
        form.Schedules.Add(new BuilderSchedule
        {
            Key = form.NewKey("c"),
            Name = Text(o["name"], path + ".name", problems),
            Kind = every ? BuilderSchedule.Every : BuilderSchedule.Cron,
            Value = Text(o[every ? "every" : "cron"], path + (every ? ".every" : ".cron"), problems),
            TimeZone = Text(o["time_zone"], path + ".time_zone", problems),
            Enabled = o["enabled"] is null || Flag(o["enabled"], path + ".enabled", problems),
        });
    }

    private static BuilderStep FromStep(PipelineBuilderForm form, JsonObject o, string path, List<string> problems)
    {
        foreach (var key in o.Select(kv => kv.Key).Where(k => !StepKeys.Contains(k))) problems.Add($"{path}.{key}");
        var s = new BuilderStep
        {
            Key = form.NewKey("s"),
            Name = Text(o["name"], path + ".name", problems),
            Target = o["task"] is not null ? BuilderStep.TaskTarget : BuilderStep.HandlerTarget,
            Task = Text(o["task"], path + ".task", problems),
            Handler = Text(o["handler"], path + ".handler", problems),
            Timeout = Text(o["timeout"], path + ".timeout", problems),
            ContinueOnFailure = o["continue_on_failure"] is not null && Flag(o["continue_on_failure"], path + ".continue_on_failure", problems),
            When = Text(o["when"], path + ".when", problems),
        };
        if (o["task"] is not null && o["handler"] is not null) problems.Add($"{path} with both task and handler");
        switch (o["parameters"])
        {
            case null: break;
            case JsonObject parameters:
                s.Parameters = [.. parameters.Select(kv => kv.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? new BuilderParameter { Key = kv.Key, Value = v.GetValue<string>() }
                    : new BuilderParameter { Key = kv.Key, Value = kv.Value?.ToJsonString() ?? "null", Type = BuilderParameter.Json })];
                break;
            default: problems.Add(path + ".parameters that is not a mapping"); break;
        }
        switch (o["after"])
        {
            case null: break;
            case JsonArray after:
                s.AfterMode = BuilderStep.AfterChosen;
                s.After = [.. after.Select((a, j) => Text(a, $"{path}.after[{j}]", problems))];
                break;
            default: problems.Add(path + ".after that is not a list"); break;
        }
        switch (o["retry"])
        {
            case null: break;
            case JsonObject retry:
                foreach (var key in retry.Select(kv => kv.Key).Where(k => !RetryKeys.Contains(k))) problems.Add($"{path}.retry.{key}");
                s.RetryAttempts = Scalar(retry["attempts"]);
                s.RetryBackoff = Scalar(retry["backoff"]);
                s.RetryFactor = Scalar(retry["factor"]);
                s.RetryMaxBackoff = Scalar(retry["max_backoff"]);
                s.RetryJitter = retry["jitter"] is null ? "" : Flag(retry["jitter"], path + ".retry.jitter", problems) ? "true" : "false";
                s.RetryPermanent = retry["retry_permanent"] is not null && Flag(retry["retry_permanent"], path + ".retry.retry_permanent", problems);
                // An empty mapping means the default policy; "attempts: 3" says the same and keeps the step's retry on.
                if (!s.HasRetry) s.RetryAttempts = "3";
                break;
            default: problems.Add(path + ".retry that is not a mapping"); break;
        }
        return s;
    }

    private static string Text(JsonNode? node, string path, List<string> problems)
    {
        if (node is null) return "";
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number) return Scalar(v);
        problems.Add(path + " that is not text");
        return "";
    }

    private static bool Flag(JsonNode? node, string path, List<string> problems)
    {
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        problems.Add(path + " that is not true or false");
        return false;
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
