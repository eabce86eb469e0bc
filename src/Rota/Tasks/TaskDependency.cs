using Rota.Runs;

namespace Rota.Tasks;

/// <summary>When an upstream run counts for a dependency: it succeeded (default; partial counts), failed (failed,
/// timed out or abandoned), or finished in any of those ways.</summary>
public enum DependencyCondition { Succeeded, Failed, Finished }

/// <summary>Run this task when a run of <paramref name="Task"/> ends as <paramref name="On"/> says.</summary>
public sealed record TaskDependency(string Task, DependencyCondition On = DependencyCondition.Succeeded)
{
    public bool IsMetBy(Runs.RunStatus status) => On switch
    {
        DependencyCondition.Succeeded => status is Runs.RunStatus.Succeeded or Runs.RunStatus.Partial,
        DependencyCondition.Failed => status.IsFailure(),
        _ => status is Runs.RunStatus.Succeeded or Runs.RunStatus.Partial || status.IsFailure(),
    };
}
