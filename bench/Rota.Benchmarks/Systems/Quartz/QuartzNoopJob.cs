using Quartz;

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
