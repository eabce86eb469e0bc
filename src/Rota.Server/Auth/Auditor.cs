using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Rota.Storage;

namespace Rota.Server.Auth;

/// <summary>Records who changed or triggered what (seed 004's audit trail), queryable by admins at /api/v1/audit.</summary>
public sealed class Auditor(IRotaStore store, TimeProvider time)
{
    public Task RecordAsync(HttpContext http, string action, string? target, JsonObject? detail = null) =>
        store.AuditAppend(new AuditAppendParams(http.Caller().Name, action, target, detail, time.GetUtcNow()), http.RequestAborted);

    public Task RecordAsync(string actor, string action, string? target, JsonObject? detail = null, CancellationToken ct = default) =>
        store.AuditAppend(new AuditAppendParams(actor, action, target, detail, time.GetUtcNow()), ct);
}
