using System.Text.Json;

namespace Rota.Server.Tests;

/// <summary>One Server-Sent Event: its id, type and JSON data.</summary>
public sealed record SseEvent(string? Id, string Type, JsonElement Data);
