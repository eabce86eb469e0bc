using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>One Server-Sent Event of <c>/api/v1/events</c>: <c>run.started</c>, <c>run.progress</c>, <c>run.finished</c>,
/// <c>task.toggled</c>, … with its JSON payload (run events carry <c>run_id</c>, <c>task</c>, <c>status</c>, <c>progress</c>).</summary>
public sealed record ServerEvent(long? Id, string Type, JsonObject Data)
{
    public long? RunId => Data["run_id"] is JsonValue v && v.TryGetValue<long>(out var id) ? id : null;
    public string? Task => Data["task"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
    public string? Status => Data["status"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    public int? Progress => Data["progress"] is JsonValue v && v.TryGetValue<int>(out var p) ? p : null;
}
