using Microsoft.AspNetCore.Http;
using Rota.Server.Hosting;

namespace Rota.Server.Tests;

/// <summary><see cref="ApiReadGate"/>: API reads beyond the limit wait, in arrival order; the event stream, writes and
/// other paths pass straight through; a waiting request that is cancelled leaves without a permit.</summary>
public sealed class ApiReadGateTests
{
    private sealed class Handler
    {
        private readonly Dictionary<string, TaskCompletionSource> _release = [];
        public List<string> Entered { get; } = [];

        public Task Next(HttpContext http)
        {
            var id = http.Request.Headers["x-id"].ToString();
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Entered)
            {
                Entered.Add(id);
                _release[id] = release;
            }
            return release.Task;
        }

        public void Release(string id)
        {
            lock (Entered) _release[id].SetResult();
        }

        public string[] Snapshot()
        {
            lock (Entered) return [.. Entered];
        }
    }

    private static HttpContext Request(string method, string path, string id, CancellationToken aborted = default)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.Headers["x-id"] = id;
        http.RequestAborted = aborted;
        return http;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(5, cts.Token);
    }

    /// <summary>A gate of one permit, held by a read named "holder" until the test releases it.</summary>
    private static async Task<(Handler Handler, ApiReadGate Gate, Task Holder)> GateWithOnePermitHeld()
    {
        var handler = new Handler();
        var gate = new ApiReadGate(handler.Next, new RotaServerOptions { MaxConcurrentApiReads = 1 });
        var holder = gate.InvokeAsync(Request("GET", "/api/v1/runs", "holder"));
        await WaitUntil(() => handler.Snapshot().Length == 1);
        return (handler, gate, holder);
    }

    [Fact]
    public async Task ReadsBeyondTheLimit_WaitAndEnterInArrivalOrder()
    {
        var handler = new Handler();
        var gate = new ApiReadGate(handler.Next, new RotaServerOptions { MaxConcurrentApiReads = 2 });

        var a = gate.InvokeAsync(Request("GET", "/api/v1/runs", "a"));
        var b = gate.InvokeAsync(Request("GET", "/api/v1/tasks", "b"));
        await WaitUntil(() => handler.Snapshot().Length == 2);
        var c = gate.InvokeAsync(Request("GET", "/api/v1/runs", "c"));
        await WaitUntil(() => !c.IsCompleted);
        var d = gate.InvokeAsync(Request("HEAD", "/api/v1/runs", "d"));
        await Task.Delay(50);
        Assert.Equal(["a", "b"], handler.Snapshot());
        Assert.Equal(2, gate.Waiting);

        handler.Release("b");
        await b;
        await WaitUntil(() => handler.Snapshot().Length == 3);
        Assert.Equal(["a", "b", "c"], handler.Snapshot());

        handler.Release("a");
        await a;
        await WaitUntil(() => handler.Snapshot().Length == 4);
        Assert.Equal(["a", "b", "c", "d"], handler.Snapshot());
        Assert.Equal(0, gate.Waiting);
        handler.Release("c");
        handler.Release("d");
        await Task.WhenAll(c, d);
    }

    [Theory]
    [InlineData("GET", "/api/v1/events")]
    [InlineData("POST", "/api/v1/tasks/t/runs")]
    [InlineData("DELETE", "/api/v1/tokens/3")]
    [InlineData("GET", "/healthz")]
    [InlineData("GET", "/runs")]
    [InlineData("GET", "/api/v10/runs")]
    public async Task EventStreamWritesAndOtherPaths_AreNeverHeld(string method, string path)
    {
        var (handler, gate, holder) = await GateWithOnePermitHeld();

        var other = gate.InvokeAsync(Request(method, path, "other"));
        await WaitUntil(() => handler.Snapshot().Length == 2);

        handler.Release("other");
        await other;
        handler.Release("holder");
        await holder;
    }

    [Fact]
    public async Task CancelledWhileWaiting_LeavesWithoutTakingAPermit()
    {
        var (handler, gate, holder) = await GateWithOnePermitHeld();
        using var abort = new CancellationTokenSource();
        var waiting = gate.InvokeAsync(Request("GET", "/api/v1/runs", "gone", abort.Token));
        var next = gate.InvokeAsync(Request("GET", "/api/v1/runs", "next"));

        Assert.Equal(2, gate.Waiting);
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, gate.Waiting);
        handler.Release("holder");
        await holder;

        await WaitUntil(() => handler.Snapshot().Length == 2);
        Assert.Equal(["holder", "next"], handler.Snapshot());
        handler.Release("next");
        await next;
    }

    [Fact]
    public async Task LimitZero_GatesNothing()
    {
        var handler = new Handler();
        var gate = new ApiReadGate(handler.Next, new RotaServerOptions { MaxConcurrentApiReads = 0 });
        var calls = Enumerable.Range(0, 20).Select(i => gate.InvokeAsync(Request("GET", "/api/v1/runs", $"r{i}"))).ToList();
        await WaitUntil(() => handler.Snapshot().Length == 20);
        for (var i = 0; i < 20; i++) handler.Release($"r{i}");
        await Task.WhenAll(calls);
    }

    [Fact]
    public void DefaultLimit_IsFourPerProcessor() =>
        Assert.Equal(4 * Environment.ProcessorCount, new RotaServerOptions().MaxConcurrentApiReads);
}
