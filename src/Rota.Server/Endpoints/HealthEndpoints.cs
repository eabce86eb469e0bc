using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (the store answers and every migration is applied);
/// both anonymous, for load balancers and orchestrators.</summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).WithTags("Health").WithName("Liveness").AllowAnonymous();
        app.MapGet("/readyz", async (IRotaStore store, HttpContext http) =>
        {
            try
            {
                var migrations = await store.MigrationList(http.RequestAborted);
                var pending = migrations.Where(m => !m.Applied).Select(m => m.Version).ToList();
                return pending.Count == 0
                    ? Results.Ok(new { status = "ready", store = store.Dialect, migrations = migrations.Count })
                    : Results.Json(new { status = "migrations_pending", store = store.Dialect, pending }, statusCode: 503);
            }
            catch (RotaException ex)
            {
                return Results.Json(new { status = "store_unreachable", store = store.Dialect, error = ex.Code }, statusCode: 503);
            }
        }).WithTags("Health").WithName("Readiness").AllowAnonymous();
    }
}
