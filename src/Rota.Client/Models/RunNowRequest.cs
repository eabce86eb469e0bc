using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>The body of <c>POST /api/v1/tasks/{name}/runs</c>; every member optional.</summary>
public sealed record RunNowRequest(JsonObject? Parameters = null, string? IdempotencyKey = null, DateTimeOffset? RunAt = null, bool? IgnoreOverlap = null);
