using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Server.Auth;
using Rota.Server.Json;
using Rota.Server.Live;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/events</c>: Server-Sent Events of runs and tasks the caller may see (admins: all). A comment line is
/// sent every 15 s so proxies keep the connection open. Optional <c>?run_id=</c> or <c>?task=</c> narrows the stream.</summary>
public static class EventEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events", Stream).WithTags("Events").WithName("StreamEvents");
    }

    internal static async Task Stream(HttpContext http, EventHub hub)
    {
        var caller = http.Caller();
        var runId = Query.Long(http.Request, "run_id");
        var task = Query.String(http.Request, "task");
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var (id, reader) = hub.Subscribe();
        try
        {
            await http.Response.WriteAsync(": connected\n\n", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            while (!http.RequestAborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                wait.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    while (await reader.WaitToReadAsync(wait.Token))
                    {
                        while (reader.TryRead(out var e))
                        {
                            if (!caller.Owns(e.Owner)) continue;
                            if (runId is { } r && e.Data["run_id"]?.GetValue<long>() != r) continue;
                            if (task is not null && e.Data["task"]?.GetValue<string>() != task) continue;
                            await http.Response.WriteAsync($"id: {e.Id}\nevent: {e.Type}\ndata: {JsonSerializer.Serialize(e.Data, ApiJson.Options)}\n\n", http.RequestAborted);
                        }
                        await http.Response.Body.FlushAsync(http.RequestAborted);
                    }
                    return;
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                }
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            hub.Unsubscribe(id);
        }
    }
}
