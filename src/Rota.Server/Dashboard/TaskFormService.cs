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
using Rota.Server.Endpoints;
using Rota.Server.Dashboard.Models;
using Rota.Server.Hosting;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Server.Dashboard;

/// <summary>Creating and editing tasks from the dashboard with the API's rules: the form becomes the JSON document of
/// <c>POST /api/v1/tasks</c> / <c>PUT /api/v1/tasks/{name}</c>, checked by <see cref="ConfigLoader.ParseTask"/> (every error
/// listed), with the same owner, dependency and command-task rules; saving replaces the whole definition, like PUT.</summary>
public sealed class TaskFormService(RotaEngine engine, IOptions<RotaServerOptions> options, Auditor audit)
{
    public bool CommandsAllowed => options.Value.AllowCommandTasks;

    public IReadOnlyCollection<string> Handlers => engine.HandlerKinds.ToHashSet();

    /// <summary>Checks the form like the API would; returns the definition to save, or every error found.</summary>
    public async Task<(TaskDefinition? Definition, IReadOnlyList<FieldError> Errors, string Fingerprint)> CheckAsync(
        Caller caller, TaskFormModel m, TaskRow? editing, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var doc = TaskFormDocument.ToDocument(m, errors);
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
            errors.AddRange(ex.Errors.Select(e => new FieldError(TaskFormDocument.FieldOf(e.Path), e.Message)));
        }
        if (def is not null)
        {
            if (def.Owner is { } owner && !caller.Owns(owner)) errors.Add(new FieldError("owner", $"Only admins may set another owner ('{owner}')."));
            if (def.Handler == "command" && !(CommandsAllowed && caller.IsAdmin))
                errors.Add(new FieldError("handler", CommandsAllowed ? "Only admins may create command tasks."
                    : "Command tasks are not allowed from the dashboard or the API; define them in rota.yaml, or start the server with --allow-command-tasks."));
            if (editing is null && await engine.Store.TaskGet(def.Name, ct) is not null)
                errors.Add(new FieldError("name", $"A task named '{def.Name}' already exists; pick another name."));
            var dependencies = await TaskDependencyCheck.ProblemsAsync(engine.Store, caller, def, ct);
            errors.AddRange(dependencies.Select(e => new FieldError(TaskFormDocument.FieldOf(e.Path), e.Message)));
        }
        if (errors.Count > 0 || def is null) return (null, errors, fingerprint);
        // Same rules as the API: a user owns what they create and never changes the owner; an admin keeps it unless naming one.
        if (editing is not null && (!caller.IsAdmin || def.Owner is null)) def = def with { Owner = editing.Definition.Owner };
        else if (editing is null && def.Owner is null && !caller.IsAdmin) def = def with { Owner = caller.Name };
        // A pause with an end time stays as it is when the task stays disabled (the document has no key for the end).
        if (editing is { Definition.Enabled: false } && !def.Enabled) def = def with { PausedUntil = editing.Definition.PausedUntil };
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

    /// <summary>Applies a row button (add or remove a schedule or dependency row); false when the post was a Check/Save.</summary>
    public static bool ApplyAction(TaskFormModel m)
    {
        switch (m.Action)
        {
            case "add-schedule":
                m.Schedules.Add(ScheduleFormRow.NewCron(zone: m.Schedules.LastOrDefault()?.TimeZone is { Length: > 0 } z ? z : "UTC"));
                return true;
            case "add-dependency":
                m.Dependencies.Add(new DependencyFormRow { On = "succeeded" });
                return true;
            case { } a when RowOf(a, "remove-schedule-") is { } i:
                if (i < m.Schedules.Count) m.Schedules.RemoveAt(i);
                return true;
            case { } a when RowOf(a, "remove-dependency-") is { } i:
                if (i < m.Dependencies.Count) m.Dependencies.RemoveAt(i);
                return true;
            default:
                return false;
        }
    }

    private static int? RowOf(string action, string prefix) =>
        action.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(action[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
}
