using System.Net;
using Rota.Runs;

namespace Rota.Server.Tests;

public sealed class EventStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    internal static async Task<(HttpResponseMessage Response, SseReader Reader)> ConnectAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/events" + query, HttpCompletionOption.ResponseHeadersRead, Http.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync(Http.Ct);
        // The server writes ": connected" once subscribed; read it so no event can be missed.
        var first = new byte[13];
        await stream.ReadExactlyAsync(first, Http.Ct);
        Assert.Equal(": connected\n\n", System.Text.Encoding.ASCII.GetString(first));
        return (response, new SseReader(stream));
    }

    [Fact]
    public async Task Events_OwnRunWithProgress_StartedProgressFinishedInOrderAndNoneOfBobs()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("alice-live", "alice", "progress");
        await s.CreateTaskAsync("bob-live", "bob", "progress");
        var (aliceResponse, alice) = await ConnectAsync(s.Alice);
        var (adminResponse, admin) = await ConnectAsync(s.Admin);
        using (aliceResponse)
        using (adminResponse)
        using (alice)
        using (admin)
        {
            var bobRun = (await (await s.Bob.PostJsonAsync("/api/v1/tasks/bob-live/runs")).JsonAsync(HttpStatusCode.Accepted)).Long("run_id");
            var aliceRun = (await (await s.Alice.PostJsonAsync("/api/v1/tasks/alice-live/runs")).JsonAsync(HttpStatusCode.Accepted)).Long("run_id");

            // The admin sees everything: once both runs finished there, alice's stream has been offered bob's events too.
            var finished = new HashSet<long>();
            var adminEvents = await admin.UntilAsync(e => e.Type == "run.finished" && finished.Add(e.Data.Long("run_id")) && finished.Count == 2, Timeout);
            Assert.Contains(adminEvents, e => e.Data.Long("run_id") == bobRun && e.Type == "run.progress");

            var events = await alice.UntilAsync(e => e.Type == "run.finished" && e.Data.Long("run_id") == aliceRun, Timeout);
            // A marker after everything: alice's own toggle, so bob's events (published earlier) would have been seen.
            await (await s.Alice.PostJsonAsync("/api/v1/tasks/alice-live/disable")).JsonAsync(HttpStatusCode.OK);
            events.AddRange(await alice.UntilAsync(e => e.Type == "task.toggled", Timeout));

            Assert.All(events, e => Assert.NotEqual("bob-live", e.Data.Str("task")));
            Assert.DoesNotContain(events, e => e.Data.TryGetProperty("run_id", out var id) && id.GetInt64() == bobRun);
            var mine = events.Where(e => e.Type.StartsWith("run.", StringComparison.Ordinal)).ToList();
            Assert.All(mine, e => Assert.Equal(aliceRun, e.Data.Long("run_id")));
            Assert.Equal("run.started", mine[0].Type);
            Assert.Equal("run.finished", mine[^1].Type);
            var progress = mine.Where(e => e.Type == "run.progress").ToList();
            Assert.Equal([25, 75], progress.Select(p => p.Data.GetProperty("progress").GetInt32()));
            Assert.Equal("three quarters", progress[^1].Data.Str("progress_text"));
            Assert.Equal("succeeded", mine[^1].Data.Str("status"));
            var ids = events.Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    [Fact]
    public async Task Events_TaskFilter_OnlyThatTasksRuns()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("filtered-a", "alice", "progress");
        await s.CreateTaskAsync("filtered-b", "alice", "progress");
        var (response, reader) = await ConnectAsync(s.Alice, "?task=filtered-a");
        using (response)
        using (reader)
        {
            await s.RunToEndAsync("filtered-b");
            var wanted = (await s.RunToEndAsync("filtered-a")).Id;
            var events = await reader.UntilAsync(e => e.Type == "run.finished", Timeout);
            Assert.All(events, e => Assert.Equal("filtered-a", e.Data.Str("task")));
            Assert.Equal(wanted, events[^1].Data.Long("run_id"));
        }
    }

    [Fact]
    public async Task Events_DeletedTaskIdReusedByBob_BobsRunNotSentToAlice()
    {
        await using var s = await TestServer.StartAsync();
        var (aliceResponse, alice) = await ConnectAsync(s.Alice);
        using (aliceResponse)
        using (alice)
        {
            var aliceTask = await s.CreateTaskAsync("reused-a", "alice", "progress");
            var aliceRun = (await s.RunToEndAsync("reused-a")).Id;
            await alice.UntilAsync(e => e.Type == "run.finished" && e.Data.Long("run_id") == aliceRun, Timeout);
            using (var deleted = await s.Alice.SendAsync(HttpMethod.Delete, "/api/v1/tasks/reused-a")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            var bobTask = await s.CreateTaskAsync("reused-b", "bob", "progress");
            Assert.Equal(aliceTask.Id, bobTask.Id); // SQLite hands the freed id to the next task
            var bobRun = (await (await s.Bob.PostJsonAsync("/api/v1/tasks/reused-b/runs")).JsonAsync(HttpStatusCode.Accepted)).Long("run_id");
            await s.WaitForRunAsync(bobRun, r => r.Status.IsTerminal());
            // Marker: a task of alice's toggled after bob's run ended (events are published in order).
            await s.CreateTaskAsync("reused-marker", "alice");
            await (await s.Alice.PostJsonAsync("/api/v1/tasks/reused-marker/disable")).JsonAsync(HttpStatusCode.OK);
            var events = await alice.UntilAsync(e => e.Type == "task.toggled", Timeout);
            Assert.DoesNotContain(events, e => e.Data.Str("task") == "reused-b");
        }
    }

    [Fact]
    public async Task Events_ClientDisconnects_SubscriptionReleased()
    {
        await using var s = await TestServer.StartAsync();
        var hub = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Live.EventHub>(s.App.Services);
        using var client = s.Client(s.Secrets[Identity.Alice]);
        var (response, reader) = await ConnectAsync(client);
        Assert.Equal(1, hub.SubscriberCount);
        reader.Dispose();
        response.Dispose();
        client.Dispose();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (hub.SubscriberCount > 0) await Task.Delay(20, cts.Token);
    }
}
