using Rota.Runs;
using Rota.Scheduling;
using Rota.Storage;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>Shared helpers for scheduling-policy tests on a fake clock (start 2026-01-05 09:00:00Z).</summary>
public abstract class PolicyTestBase
{
    protected static readonly DateTimeOffset T0 = TestEngine.Start;

    protected static TaskDefinition Every(string name, TimeSpan interval, string handler = "noop", Func<TaskDefinition, TaskDefinition>? edit = null)
    {
        var d = new TaskDefinition
        {
            Name = name,
            Handler = handler,
            Retry = new RetryPolicy(1),
            Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForEvery(interval)] }],
        };
        return edit is null ? d : edit(d);
    }

    protected static TaskDefinition Cron(string name, string cron, string handler = "noop", Func<TaskDefinition, TaskDefinition>? edit = null, string zone = "UTC")
    {
        var d = new TaskDefinition
        {
            Name = name,
            Handler = handler,
            Retry = new RetryPolicy(1),
            Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForCron(cron)], TimeZone = zone }],
        };
        return edit is null ? d : edit(d);
    }

    protected static async Task<List<RunRecord>> Runs(TestEngine te, string task) =>
        (await te.Store.RunList(new RunListParams { TaskName = task, Limit = 10_000 })).OrderBy(r => r.NominalTime ?? r.CreatedAt).ThenBy(r => r.Id).ToList();

    /// <summary>A handler that blocks until released; <see cref="Entered"/> completes when it starts.</summary>
    protected sealed class Gate
    {
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls;

        public async ValueTask<Execution.TaskOutcome> Run(Execution.TaskContext ctx)
        {
            Interlocked.Increment(ref Calls);
            var release = _release;
            Entered.TrySetResult();
            await release.Task.WaitAsync(ctx.CancellationToken);
            return Execution.TaskOutcome.Success();
        }

        /// <summary>Waits (real time, bounded) until <paramref name="n"/> runs have entered the handler.</summary>
        public async Task WaitForCalls(int n)
        {
            for (var i = 0; i < 2000 && Volatile.Read(ref Calls) < n; i++) await Task.Delay(5);
            Assert.True(Volatile.Read(ref Calls) >= n, $"expected {n} handler calls, saw {Calls}");
        }

        public void Release()
        {
            var old = _release;
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            old.TrySetResult();
        }
    }
}
