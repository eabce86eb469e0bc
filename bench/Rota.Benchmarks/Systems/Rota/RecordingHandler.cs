using Rota.Benchmarks.Measure;
using Rota.Execution;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>A user handler (registered with <c>AddHandler</c>) that records its task, the run's nominal time and the
/// wall clock at its start.</summary>
internal sealed class RecordingHandler(FireRecorder recorder) : ITaskHandler
{
    public ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var now = TimeProvider.System.GetUtcNow();
        recorder.Record(context.Task.Name, context.Run.NominalTime ?? context.Run.ScheduledAt, now);
        return ValueTask.FromResult(TaskOutcome.Success());
    }
}
