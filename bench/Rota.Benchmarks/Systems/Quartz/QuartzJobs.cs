using Quartz;
using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Quartz;

/// <summary>Quartz's no-op job; counts executions (Quartz keeps no history of completed one-shot jobs).</summary>
public sealed class QuartzNoopJob : IJob
{
    private static long _executed;

    public static long Executed => Interlocked.Read(ref _executed);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _executed);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Records trigger name, scheduled fire time and the wall clock at the job's start.</summary>
public sealed class QuartzRecordingJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        FireRecorder.Shared.Record(context.Trigger.Key.Name, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, now);
        return ValueTask.CompletedTask;
    }
}
