using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Server.Auth;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/queues</c>: depth, running and concurrency for everyone; pause, resume and resize for admins.</summary>
public static class QueueEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/queues").WithTags("Queues");
        g.MapGet("", async (HttpContext http, IRotaStore store) => Results.Ok(new { queues = await store.QueueList(http.RequestAborted) })).WithName("ListQueues");
        g.MapPost("/{name}/pause", (string name, HttpContext http, IRotaStore store, Auditor audit) => SetPaused(name, true, http, store, audit)).WithName("PauseQueue");
        g.MapPost("/{name}/resume", (string name, HttpContext http, IRotaStore store, Auditor audit) => SetPaused(name, false, http, store, audit)).WithName("ResumeQueue");
        g.MapPut("/{name}", Resize).WithName("SetQueueConcurrency");
    }

    private static async Task<IResult> SetPaused(string name, bool paused, HttpContext http, IRotaStore store, Auditor audit)
    {
        http.Caller().RequireAdmin("pausing and resuming queues");
        if (!await store.QueueSetPaused(new QueueSetPausedParams(name, paused), http.RequestAborted)) throw ApiProblem.NotFound("queue", name);
        await audit.RecordAsync(http, paused ? "queue.pause" : "queue.resume", "queue:" + name);
        return Results.Ok((await store.QueueList(http.RequestAborted)).First(q => q.Name == name));
    }

    private static async Task<IResult> Resize(string name, HttpContext http, IRotaStore store, Auditor audit)
    {
        http.Caller().RequireAdmin("changing a queue");
        var body = (await JsonBody.ReadAsync(http)).Allow("concurrency");
        var concurrency = body.Int("concurrency", 1, 10_000, required: true)!.Value;
        if (name.Length > 100) throw ApiProblem.Invalid("name", name[..40] + "…", "at most 100 characters");
        var row = await store.QueueUpsert(new QueueUpsertParams(name, concurrency), http.RequestAborted);
        await audit.RecordAsync(http, "queue.update", "queue:" + name, new JsonObject { ["concurrency"] = concurrency });
        return Results.Ok(row);
    }
}
