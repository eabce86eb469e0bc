using Quartz;
using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Quartz;

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
