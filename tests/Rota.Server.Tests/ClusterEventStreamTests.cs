using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Rota.Runs;
using Rota.Server.Auth;
using Rota.Server.Live;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Server.Tests;

/// <summary><c>/api/v1/events</c> across a cluster: two servers with engines on one PostgreSQL schema; node A executes
/// nothing, node B executes every run, and clients connected to A see B's runs (relayed through NOTIFY), scoped as ever.</summary>
public sealed class ClusterEventStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), what);
            await Task.Delay(20, Http.Ct);
        }
    }

    [Fact]
    public async Task Events_RunExecutedOnNodeB_ClientOnNodeAGetsProgressAndFinished_AndNoOtherUsersEvents()
    {
        var schema = "rota_test_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            await using var a = await ClusterNode.StartAsync(schema, "node-a", executes: false);
            await using var b = await ClusterNode.StartAsync(schema, "node-b", executes: true);
            await WaitUntilAsync(() => a.Store.Notifier.IsListeningForRunEvents && b.Store.Notifier.IsListeningForRunEvents, "the run-events listeners did not come up");
            Assert.True(a.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ClusterEventRelay>().Single().IsRelaying);

            var accounts = a.App.Services.GetRequiredService<UserAccounts>();
            var alice = await accounts.CreateAsync("alice", UserRow.UserRole, null, Http.Ct);
            var bob = await accounts.CreateAsync("bob", UserRow.UserRole, null, Http.Ct);
            var admin = await accounts.CreateAsync("root", UserRow.AdminRole, null, Http.Ct);
            using var aliceOnA = a.Client((await accounts.CreateTokenAsync(alice, "a", null, Http.Ct)).Secret);
            using var bobOnA = a.Client((await accounts.CreateTokenAsync(bob, "b", null, Http.Ct)).Secret);
            using var adminOnA = a.Client((await accounts.CreateTokenAsync(admin, "r", null, Http.Ct)).Secret);
            await a.Engine.Client.ApplyAsync(new TaskDefinition { Name = "alice-remote", Handler = "slow-progress", Owner = "alice" });
            await a.Engine.Client.ApplyAsync(new TaskDefinition { Name = "bob-remote", Handler = "slow-progress", Owner = "bob" });

            var (aliceResponse, aliceEvents) = await EventStreamTests.ConnectAsync(aliceOnA);
            var (bobResponse, bobEvents) = await EventStreamTests.ConnectAsync(bobOnA);
            var (adminResponse, adminEvents) = await EventStreamTests.ConnectAsync(adminOnA);
            using (aliceResponse)
            using (bobResponse)
            using (adminResponse)
            using (aliceEvents)
            using (bobEvents)
            using (adminEvents)
            {
                var bobRun = (await (await bobOnA.PostJsonAsync("/api/v1/tasks/bob-remote/runs")).JsonAsync(HttpStatusCode.Accepted)).Long("run_id");
                var aliceRun = (await (await aliceOnA.PostJsonAsync("/api/v1/tasks/alice-remote/runs")).JsonAsync(HttpStatusCode.Accepted)).Long("run_id");

                // The admin sees everything: once both runs finished there, the others' streams were offered every relayed event.
                var finished = new HashSet<long>();
                await adminEvents.UntilAsync(e => e.Type == "run.finished" && finished.Add(e.Data.Long("run_id")) && finished.Count == 2, Timeout);
                Assert.Equal("node-b", (await a.Store.RunGet(aliceRun, Http.Ct))!.Node);
                Assert.Equal("node-b", (await a.Store.RunGet(bobRun, Http.Ct))!.Node);

                var seen = await aliceEvents.UntilAsync(e => e.Type == "run.finished" && e.Data.Long("run_id") == aliceRun, Timeout);
                // Marker after everything relayed: alice's own toggle on node A.
                await (await aliceOnA.PostJsonAsync("/api/v1/tasks/alice-remote/disable")).JsonAsync(HttpStatusCode.OK);
                seen.AddRange(await aliceEvents.UntilAsync(e => e.Type == "task.toggled", Timeout));
                Assert.DoesNotContain(seen, e => e.Data.TryGetProperty("run_id", out var id) && id.GetInt64() == bobRun);
                var runs = seen.Where(e => e.Type.StartsWith("run.", StringComparison.Ordinal)).ToList();
                Assert.Equal(["run.started", "run.progress", "run.progress", "run.finished"], runs.Select(e => e.Type));
                Assert.Equal([25, 75], runs.Where(e => e.Type == "run.progress").Select(e => e.Data.GetProperty("progress").GetInt32()));
                Assert.Equal("three quarters", runs[2].Data.Str("progress_text"));
                Assert.Equal("succeeded", runs[^1].Data.Str("status"));
                Assert.Equal("alice-remote", runs[^1].Data.Str("task"));

                var bobSeen = await bobEvents.UntilAsync(e => e.Type == "run.finished" && e.Data.Long("run_id") == bobRun, Timeout);
                await (await bobOnA.PostJsonAsync("/api/v1/tasks/bob-remote/disable")).JsonAsync(HttpStatusCode.OK);
                bobSeen.AddRange(await bobEvents.UntilAsync(e => e.Type == "task.toggled", Timeout));
                Assert.DoesNotContain(bobSeen, e => e.Data.TryGetProperty("run_id", out var id) && id.GetInt64() == aliceRun);
                Assert.Contains(bobSeen, e => e.Type == "run.progress" && e.Data.Long("run_id") == bobRun);
            }
        }
        finally
        {
            await ClusterNode.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Relay_NotificationsOff_NotRelaying()
    {
        var schema = "rota_test_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            await using var a = await ClusterNode.StartAsync(schema, "node-a", executes: false, notifications: false);
            Assert.False(a.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ClusterEventRelay>().Single().IsRelaying);
            Assert.False(a.Store.Notifier.IsListeningForRunEvents);
        }
        finally
        {
            await ClusterNode.DropSchemaAsync(schema);
        }
    }
}
