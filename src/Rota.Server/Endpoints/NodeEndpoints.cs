using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/nodes</c>: the engines sharing this store, their role, heartbeat age and running work.</summary>
public static class NodeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/nodes", async (HttpContext http, IRotaStore store, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            var leader = await store.LeaderGet(http.RequestAborted);
            var nodes = (await store.NodeList(http.RequestAborted)).Select(n => new
            {
                name = n.Name, role = n.Role, started_at = n.StartedAt, heartbeat_at = n.HeartbeatAt,
                heartbeat_age_seconds = Math.Round((now - n.HeartbeatAt).TotalSeconds, 1), running = n.Running, version = n.Version,
            }).ToList();
            return Results.Ok(new { nodes, leader = new { holder = leader.Holder, term = leader.Term, lease_until = leader.Holder is null ? (DateTimeOffset?)null : leader.LeaseUntil } });
        }).WithTags("Nodes").WithName("ListNodes");
    }
}
