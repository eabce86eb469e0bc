namespace Rota.Runs;

/// <summary>The run lifecycle (docs/run-lifecycle.md).</summary>
public enum RunStatus
{
    Scheduled,
    Available,
    Running,
    Succeeded,
    Partial,
    Failed,
    Cancelled,
    TimedOut,
    Abandoned,
    Skipped,
    Missed,
}

public static class RunStatusExtensions
{
    public static bool IsTerminal(this RunStatus s) => s is not (RunStatus.Scheduled or RunStatus.Available or RunStatus.Running);
    public static bool IsFailure(this RunStatus s) => s is RunStatus.Failed or RunStatus.TimedOut or RunStatus.Abandoned;
    public static string ToText(this RunStatus s) => TextNames.Of(s);
}

/// <summary>What created a run.</summary>
public enum RunTrigger { Schedule, Manual, Retry, Backfill, Pipeline, Dependency, Api }
