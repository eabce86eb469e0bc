using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Server.Auth;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/stats</c>: per task (the caller's; admins: all) runs, success rate, durations p50/p95, last 24 h
/// and a 7-day trend, with totals.</summary>
public static class StatsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/stats", async (HttpContext http, IRotaStore store, TaskStatistics statistics) =>
        {
            var tasks = await store.TaskList(new TaskListParams(http.Caller().OwnerScope), http.RequestAborted);
            var stats = await statistics.ForAsync(tasks, http.RequestAborted);
            return Results.Ok(new { tasks = stats, totals = TaskStatistics.Totals(tasks, stats) });
        }).WithTags("Stats").WithName("GetStats");
    }
}
