using System.Text.Json.Nodes;

namespace Rota.Storage;

/// <summary>One audited action: who (user name, or <c>system</c>/<c>cli</c>) did what to which target.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, string? Target, JsonObject? Detail);

public sealed record AuditAppendParams(string Actor, string Action, string? Target, JsonObject? Detail, DateTimeOffset Now);

/// <param name="BeforeId">Cursor: only entries with a smaller id (newest first).</param>
public sealed record AuditListParams(string? Actor = null, string? Action = null, long? BeforeId = null, int Limit = 50);
