using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>Who changed or triggered what, and when.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Target, JsonObject? Detail);
