namespace Rota.Execution;

/// <summary>
/// Code that performs one attempt of a run. Register with <c>services.AddRota(o => o.AddHandler&lt;MyHandler&gt;("kind"))</c>.
/// Return a <see cref="TaskOutcome"/>; a thrown exception is a failed attempt (retried per the task's policy).
/// </summary>
public interface ITaskHandler
{
    ValueTask<TaskOutcome> ExecuteAsync(TaskContext context);
}
