using System.Text.Json.Nodes;
using Rota.Execution;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>Attempt outcomes, retries, timeouts, cancellation and snooze, driven on a fake clock against SQLite.</summary>
public sealed class ExecutionTests
{
    private static TaskDefinition Def(string name, string handler, Func<TaskDefinition, TaskDefinition>? edit = null)
    {
        var d = new TaskDefinition { Name = name, Handler = handler, Overlap = new OverlapPolicy(OverlapKind.AllowAll) };
        return edit is null ? d : edit(d);
    }

    [Fact]
    public async Task Trigger_SucceedingHandler_RecordsStatsLatenessAndParameters()
    {
        JsonObject? seen = null;
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("stats", ctx =>
        {
            seen = ctx.Parameters;
            ctx.Log("working");
            return ValueTask.FromResult(TaskOutcome.Success(new JsonObject { ["items_new"] = 3 }));
        }));
        await te.Client.ApplyAsync(Def("s", "stats", d => d with { Parameters = new JsonObject { ["a"] = 1, ["b"] = 1 } }));
        var trig = await te.Client.TriggerAsync(new TriggerRequest("s", new JsonObject { ["b"] = 2 }, TriggeredBy: "alice"));
        await te.Engine.RunDueAsync();

        var run = (await te.Client.GetRunAsync(trig.RunId))!;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(3, run.Stats!["items_new"]!.GetValue<int>());
        Assert.Equal((1, 2), (seen!["a"]!.GetValue<int>(), seen["b"]!.GetValue<int>()));
        Assert.Equal("alice", run.TriggeredBy);
        Assert.Contains("working", run.Logs);
        Assert.Equal(100, run.Progress);
    }

    [Fact]
    public async Task ThrowingHandler_RetriesWithBackoffThenFails()
    {
        var calls = 0;
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("boom", _ => { calls++; throw new InvalidOperationException("kaput"); }));
        await te.Client.ApplyAsync(Def("b", "boom", d => d with { Retry = new RetryPolicy(3, TimeSpan.FromSeconds(30)) }));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("b"))).RunId;

        await te.Engine.RunDueAsync();
        var afterFirst = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Scheduled, 1), (afterFirst.Status, afterFirst.Attempt));
        Assert.InRange(afterFirst.ScheduledAt - te.Time.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal("InvalidOperationException", afterFirst.Error!.Type);

        te.Time.Advance(TimeSpan.FromSeconds(30));
        await te.Engine.RunDueAsync();
        var afterSecond = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Scheduled, 2), (afterSecond.Status, afterSecond.Attempt));
        Assert.InRange(afterSecond.ScheduledAt - te.Time.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromSeconds(60));

        te.Time.Advance(TimeSpan.FromSeconds(60));
        await te.Engine.RunDueAsync();
        var final = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Failed, 3, 3), (final.Status, final.Attempt, calls));
        Assert.Equal("kaput", final.Error!.Message);
        Assert.Equal(3, (await te.Store.RunAttemptList(id)).Count);
    }

    [Fact]
    public async Task PermanentError_IsNotRetried()
    {
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("perm", _ =>
            ValueTask.FromResult(TaskOutcome.Fail(new RunError("http.not_found", "gone", IsTransient: false)))));
        await te.Client.ApplyAsync(Def("p", "perm"));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("p"))).RunId;
        await te.Engine.RunDueAsync();
        var run = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Failed, 1, "http.not_found"), (run.Status, run.Attempt, run.Error!.Type));
    }

    [Fact]
    public async Task Timeout_CancelsHandlerAndEndsTimedOutAfterLastAttempt()
    {
        var entered = new TaskCompletionSource();
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("slow", async ctx =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.CancellationToken);
            return TaskOutcome.Success();
        }));
        await te.Client.ApplyAsync(Def("t", "slow", d => d with { Timeout = TimeSpan.FromMinutes(2), Retry = new RetryPolicy(1) }));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("t"))).RunId;
        var started = await te.Engine.TickAsync();
        _ = Assert.Single(started);
        await entered.Task;
        te.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(started[0].IsCompleted);
        te.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(started);
        var run = (await te.Client.GetRunAsync(id))!;
        Assert.True(run.Status == RunStatus.TimedOut, run.Error?.Details);
        Assert.Equal("run.timed_out", run.Error!.Type);
    }

    [Fact]
    public async Task Cancel_RunningRun_StopsHandlerWithReason()
    {
        var entered = new TaskCompletionSource();
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("wait", async ctx =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.CancellationToken);
            return TaskOutcome.Success();
        }));
        await te.Client.ApplyAsync(Def("c", "wait"));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("c"))).RunId;
        var started = await te.Engine.TickAsync();
        await entered.Task;
        var result = await te.Client.CancelRunAsync(id, "operator said stop");
        Assert.Equal(RunCancelOutcome.CancelRequested, result.Outcome);
        await Task.WhenAll(started);
        var run = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Cancelled, "operator said stop"), (run.Status, run.Reason));
    }

    [Fact]
    public async Task Cancel_FromAnotherProcess_IsNoticedByHeartbeat()
    {
        var entered = new TaskCompletionSource();
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("wait", async ctx =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.CancellationToken);
            return TaskOutcome.Success();
        }));
        await te.Client.ApplyAsync(Def("x", "wait"));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("x"))).RunId;
        var started = await te.Engine.TickAsync();
        await entered.Task;
        var otherProcess = new RotaClient(te.Store, te.Time);
        await otherProcess.CancelRunAsync(id, "cancelled from the CLI");
        await te.Engine.HeartbeatAsync();
        await Task.WhenAll(started);
        Assert.Equal(RunStatus.Cancelled, (await te.Client.GetRunAsync(id))!.Status);
    }

    [Fact]
    public async Task Cancel_WaitingRun_NeverExecutes()
    {
        var calls = 0;
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("count", _ => { calls++; return ValueTask.FromResult(TaskOutcome.Success()); }));
        await te.Client.ApplyAsync(Def("w", "count"));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("w", RunAt: te.Time.GetUtcNow().AddMinutes(5)))).RunId;
        Assert.Equal(RunCancelOutcome.Cancelled, (await te.Client.CancelRunAsync(id)).Outcome);
        te.Time.Advance(TimeSpan.FromMinutes(5));
        await te.Engine.RunDueAsync();
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Snooze_RunsAgainLaterWithoutSpendingAnAttempt()
    {
        var calls = 0;
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("snooze", _ =>
            ValueTask.FromResult(++calls == 1 ? TaskOutcome.SnoozeFor(TimeSpan.FromMinutes(10)) : TaskOutcome.Success())));
        await te.Client.ApplyAsync(Def("z", "snooze", d => d with { Retry = new RetryPolicy(1) }));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("z"))).RunId;
        await te.Engine.RunDueAsync();
        var snoozed = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Scheduled, te.Time.GetUtcNow().AddMinutes(10)), (snoozed.Status, snoozed.ScheduledAt));
        te.Time.Advance(TimeSpan.FromMinutes(9));
        await te.Engine.RunDueAsync();
        Assert.Equal(1, calls);
        te.Time.Advance(TimeSpan.FromMinutes(1));
        await te.Engine.RunDueAsync();
        var done = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Succeeded, 1, 2), (done.Status, done.Attempt, calls));
    }

    [Fact]
    public async Task PartialCancelAndRetryOutcomes_MapToTheirStatuses()
    {
        await using var te = await TestEngine.CreateAsync(o =>
        {
            o.AddHandler("partial", _ => ValueTask.FromResult(TaskOutcome.PartialSuccess(new JsonObject { ["ok"] = 8 }, ["2 sources failed"])));
            o.AddHandler("cancel", _ => ValueTask.FromResult(TaskOutcome.CancelWith("nothing to do")));
            o.AddHandler("retry", ctx => ValueTask.FromResult(ctx.Attempt == 1 ? TaskOutcome.RetryAfter(TimeSpan.FromSeconds(7)) : TaskOutcome.Success()));
        });
        foreach (var h in new[] { "partial", "cancel", "retry" }) await te.Client.ApplyAsync(Def(h, h));
        var p = (await te.Client.TriggerAsync(new TriggerRequest("partial"))).RunId;
        var c = (await te.Client.TriggerAsync(new TriggerRequest("cancel"))).RunId;
        var r = (await te.Client.TriggerAsync(new TriggerRequest("retry"))).RunId;
        await te.Engine.RunDueAsync();

        var partial = (await te.Client.GetRunAsync(p))!;
        Assert.Equal((RunStatus.Partial, 8), (partial.Status, partial.Stats!["ok"]!.GetValue<int>()));
        Assert.NotNull(partial.Error);
        Assert.Contains("2 sources failed", partial.Error.Message);
        var cancelled = (await te.Client.GetRunAsync(c))!;
        Assert.Equal((RunStatus.Cancelled, "nothing to do"), (cancelled.Status, cancelled.Reason));
        var retry = (await te.Client.GetRunAsync(r))!;
        Assert.Equal((RunStatus.Scheduled, te.Time.GetUtcNow().AddSeconds(7)), (retry.Status, retry.ScheduledAt));
        te.Time.Advance(TimeSpan.FromSeconds(7));
        await te.Engine.RunDueAsync();
        Assert.Equal((RunStatus.Succeeded, 2), ((await te.Client.GetRunAsync(r))!.Status, (await te.Client.GetRunAsync(r))!.Attempt));
    }

    [Fact]
    public async Task Progress_ReportedByHandler_IsVisibleWhileRunning()
    {
        var release = new TaskCompletionSource();
        var reported = new TaskCompletionSource();
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("prog", async ctx =>
        {
            ctx.ReportProgress(40, "fetched 4 of 10");
            reported.SetResult();
            await release.Task;
            return TaskOutcome.Success();
        }));
        await te.Client.ApplyAsync(Def("pr", "prog"));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("pr"))).RunId;
        var started = await te.Engine.TickAsync();
        await reported.Task;
        await te.Engine.FlushProgressAsync();
        var mid = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Running, 40, "fetched 4 of 10"), (mid.Status, mid.Progress, mid.ProgressText));
        release.SetResult();
        await Task.WhenAll(started);
    }

    [Fact]
    public async Task UnknownHandler_FailsPermanentlyWithClearCode()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Def("u", "does-not-exist"));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("u"))).RunId;
        await te.Engine.RunDueAsync();
        var run = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Failed, "handler.unknown"), (run.Status, run.Error!.Type));
        Assert.Contains("does-not-exist", run.Error.Message);
    }

    [Fact]
    public async Task IdempotencyKey_SecondTrigger_ReturnsTheFirstRun()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Def("i", "noop"));
        var a = await te.Client.TriggerAsync(new TriggerRequest("i", IdempotencyKey: "daily-2026-01-05"));
        var b = await te.Client.TriggerAsync(new TriggerRequest("i", IdempotencyKey: "daily-2026-01-05"));
        Assert.Equal(a.RunId, b.RunId);
        Assert.True(b.Duplicate);
    }

    [Fact]
    public async Task Trigger_UnknownTask_ThrowsNotFound()
    {
        await using var te = await TestEngine.CreateAsync();
        var ex = await Assert.ThrowsAsync<RotaException>(() => te.Client.TriggerAsync(new TriggerRequest("nope")));
        Assert.Equal("task.not_found", ex.Code);
    }

    [Fact]
    public async Task Shutdown_InterruptsRunningWork_AndPutsItBackWithoutSpendingAnAttempt()
    {
        var entered = new TaskCompletionSource();
        var te = await TestEngine.CreateAsync(o => o.AddHandler("long", async ctx =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.CancellationToken);
            return TaskOutcome.Success();
        }));
        await te.Client.ApplyAsync(Def("l", "long", d => d with { Retry = new RetryPolicy(1) }));
        var id = (await te.Client.TriggerAsync(new TriggerRequest("l"))).RunId;
        await te.Engine.TickAsync();
        await entered.Task;
        await te.Engine.StopAsync(CancellationToken.None);
        var run = (await te.Store.RunGet(id))!;
        Assert.Equal((RunStatus.Scheduled, 0), (run.Status, run.Attempt));
        Assert.Equal("interrupted by shutdown", run.Reason);
        await te.DisposeAsync();
    }
}
