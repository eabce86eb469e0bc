using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Rota.Configuration;
using Rota.Scheduling;
using Rota.Server.Auth;
using Rota.Server.Dashboard.Models;
using Rota.Server.Hosting;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Server.Dashboard;

/// <summary>Creating and editing tasks from the dashboard with the API's rules: the form becomes the JSON document of
/// <c>POST /api/v1/tasks</c> / <c>PUT /api/v1/tasks/{name}</c>, checked by <see cref="ConfigLoader.ParseTask"/> (every error
/// listed), with the same owner and command-task rules; saving replaces the whole definition, like PUT.</summary>
public sealed class TaskFormService(RotaEngine engine, IOptions<RotaServerOptions> options, Auditor audit)
{
    public bool CommandsAllowed => options.Value.AllowCommandTasks;

    public IReadOnlyCollection<string> Handlers => engine.HandlerKinds.ToHashSet();

    /// <summary>The form showing an existing task (its first schedule; see <see cref="LosesSettings"/>).</summary>
    public static TaskFormModel FromTask(TaskRow task, IReadOnlyList<ScheduleRow> schedules)
    {
        var d = task.Definition;
        var spec = schedules.FirstOrDefault()?.Definition;
        var first = spec?.Specs.FirstOrDefault();
        return new TaskFormModel
        {
            Name = d.Name, Handler = d.Handler, Description = d.Description, Owner = d.Owner,
            ScheduleKind = first?.Kind switch { TriggerKind.Cron => "cron", TriggerKind.Every => "every", _ => "none" },
            Cron = first?.Kind == TriggerKind.Cron ? first.Cron : "", TimeZone = spec?.TimeZone ?? "UTC",
            Every = first is { Kind: TriggerKind.Every, Interval: { } i } ? DurationText.Format(i) : "",
            Parameters = d.Parameters.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            Queue = d.Queue, Timeout = d.Timeout is { } t ? DurationText.Format(t) : "", Attempts = d.Retry.MaxAttempts.ToString(CultureInfo.InvariantCulture),
            Overlap = TextNames.Of(d.Overlap.Kind), Misfire = TextNames.Of(d.Misfire.Kind), Tags = string.Join(", ", d.Tags), Enabled = d.Enabled,
        };
    }

    /// <summary>The form as the API's task document; problems the JSON cannot even express are added to <paramref name="errors"/>.</summary>
    public static JsonObject ToDocument(TaskFormModel m, List<FieldError> errors)
    {
        var doc = new JsonObject { ["name"] = Trim(m.Name) ?? "", ["handler"] = Trim(m.Handler) ?? "" };
        if (Trim(m.Description) is { } description) doc["description"] = description;
        if (Trim(m.Owner) is { } owner) doc["owner"] = owner;
        switch (m.ScheduleKind)
        {
            case "cron":
                doc["cron"] = Trim(m.Cron) ?? "";
                doc["time_zone"] = Trim(m.TimeZone) ?? "UTC";
                break;
            case "every":
                doc["every"] = Trim(m.Every) ?? "";
                break;
        }
        if (Trim(m.Parameters) is { } text)
        {
            try
            {
                if (JsonNode.Parse(text) is JsonObject parameters) doc["parameters"] = parameters;
                else errors.Add(new FieldError("parameters", "Parameters must be a JSON object, like {\"url\": \"https://…\"}."));
            }
            catch (JsonException ex)
            {
                errors.Add(new FieldError("parameters", "Parameters are not valid JSON: " + ex.Message));
            }
        }
        if (Trim(m.Queue) is { } queue) doc["queue"] = queue;
        if (Trim(m.Timeout) is { } timeout) doc["timeout"] = timeout;
        if (Trim(m.Attempts) is { } attempts)
        {
            if (int.TryParse(attempts, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) doc["retry"] = new JsonObject { ["attempts"] = n };
            else errors.Add(new FieldError("attempts", $"'{attempts}' is not a whole number of attempts."));
        }
        if (Trim(m.Overlap) is { } overlap) doc["overlap"] = overlap;
        if (Trim(m.Misfire) is { } misfire) doc["misfire"] = misfire;
        var tags = (m.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tags.Length > 0) doc["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        doc["enabled"] = m.Enabled;
        return doc;
    }

    /// <summary>Checks the form like the API would; returns the definition to save, or every error found.</summary>
    public async Task<(TaskDefinition? Definition, IReadOnlyList<FieldError> Errors, string Fingerprint)> CheckAsync(
        Caller caller, TaskFormModel m, TaskRow? editing, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var doc = ToDocument(m, errors);
        if (editing is not null) doc["name"] = editing.Name;
        var json = doc.ToJsonString();
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..24];
        TaskDefinition? def = null;
        try
        {
            def = ConfigLoader.ParseTask(json, "form", engine.HandlerKinds.ToHashSet(), TaskOrigin.Api);
        }
        catch (ConfigValidationException ex)
        {
            errors.AddRange(ex.Errors.Select(e => new FieldError(FieldOf(e.Path), e.Message)));
        }
        if (def is not null)
        {
            if (def.Owner is { } owner && !caller.Owns(owner)) errors.Add(new FieldError("owner", $"Only admins may set another owner ('{owner}')."));
            if (def.Handler == "command" && !(CommandsAllowed && caller.IsAdmin))
                errors.Add(new FieldError("handler", CommandsAllowed ? "Only admins may create command tasks."
                    : "Command tasks are not allowed from the dashboard or the API; define them in rota.yaml, or start the server with --allow-command-tasks."));
            if (editing is null && await engine.Store.TaskGet(def.Name, ct) is not null)
                errors.Add(new FieldError("name", $"A task named '{def.Name}' already exists; pick another name."));
        }
        if (errors.Count > 0 || def is null) return (null, errors, fingerprint);
        // Same rules as the API: a user owns what they create and never changes the owner; an admin keeps it unless naming one.
        if (editing is not null && (!caller.IsAdmin || def.Owner is null)) def = def with { Owner = editing.Definition.Owner };
        else if (editing is null && def.Owner is null && !caller.IsAdmin) def = def with { Owner = caller.Name };
        return (def, errors, fingerprint);
    }

    /// <summary>Saves (create or full replace) and writes the audit entry.</summary>
    public async Task<TaskRow> SaveAsync(HttpContext http, TaskDefinition def, bool editing)
    {
        var row = await engine.Client.ApplyAsync(def, http.RequestAborted);
        await audit.RecordAsync(http, editing ? "task.update" : "task.create", "task:" + def.Name,
            new JsonObject { ["version"] = row.Version, ["via"] = "dashboard" });
        return row;
    }

    /// <summary>True when the task has settings the form does not show (more schedules, retry backoff, overlap limits …),
    /// which saving the form would reset — the page warns first.</summary>
    public static bool LosesSettings(TaskRow task, IReadOnlyList<ScheduleRow> schedules, TaskDefinition fromForm)
    {
        static string Key(TaskDefinition d) => DefinitionJson.Serialize(d with { Origin = TaskOrigin.Api, PausedReason = null, PausedUntil = null, Owner = null, Enabled = true });
        if (Key(task.Definition) != Key(fromForm)) return true;
        var stored = schedules.Select(s => DefinitionJson.Serialize(s.Definition)).ToList();
        var formed = fromForm.Schedules.Select(DefinitionJson.Serialize).ToList();
        return !stored.SequenceEqual(formed);
    }

    /// <summary>The form field an error path points at (<c>.retry.attempts</c> → <c>attempts</c>); null for the whole form.</summary>
    public static string? FieldOf(string path)
    {
        var p = path.TrimStart('.');
        var leaf = p.Contains('.', StringComparison.Ordinal) ? p[(p.LastIndexOf('.') + 1)..] : p;
        var head = p.Split('.', '[')[0];
        return head switch
        {
            "retry" => "attempts",
            "schedules" or "cron" => leaf is "time_zone" ? "time_zone" : leaf is "every" ? "every" : "cron",
            "" => null,
            _ => head,
        };
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
