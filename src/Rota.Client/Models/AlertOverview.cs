using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/alerts</c>: channels by name (settings as configured, secrets redacted) and rules.</summary>
public sealed record AlertOverview(IReadOnlyDictionary<string, JsonObject> Channels, IReadOnlyList<AlertRuleInfo> Rules, DateTimeOffset? UpdatedAt);
