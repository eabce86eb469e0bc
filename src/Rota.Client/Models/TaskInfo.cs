using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>A task as <c>GET /api/v1/tasks/{name}</c> returns it. Enum-like members (overlap, misfire, last_status) are
/// snake_case text so a newer server's values still read.</summary>
public sealed record TaskInfo(
    long Id, string Name, string Handler, string? Description, string? Owner, string Queue, int Priority, bool Enabled,
    string? PausedReason, DateTimeOffset? PausedUntil, int Version, IReadOnlyList<string> Tags, string Origin, JsonObject? Parameters,
    double? TimeoutSeconds, string Overlap, string Misfire, int MaxAttempts, int ConsecutiveFailures, DateTimeOffset? LastRunAt,
    string? LastStatus, DateTimeOffset? NextFireAt, IReadOnlyList<ScheduleInfo> Schedules, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
