using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Server.Auth;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/audit</c> (admins): who changed or triggered what, newest first, filter by actor and action.</summary>
public static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (HttpContext http, IRotaStore store) =>
        {
            http.Caller().RequireAdmin("the audit log");
            var limit = Query.Int(http.Request, "limit", 50, 1, 1000);
            var rows = await store.AuditList(new AuditListParams(Query.String(http.Request, "actor"), Query.String(http.Request, "action"),
                Query.Long(http.Request, "cursor"), limit), http.RequestAborted);
            return Results.Ok(new { entries = rows, next_cursor = rows.Count == limit ? rows[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null });
        }).WithTags("Audit").WithName("ListAudit");
    }
}
