namespace Rota.Runs;

public enum RunEventKind { Started, Progress, Finished }

/// <summary>A change to a run executed by this engine, for live views (the API's event stream, metrics).
/// Raised on the engine's threads: handlers must be quick and must not throw.</summary>
public sealed record RunEvent(RunEventKind Kind, long RunId, long TaskId, string TaskName, RunStatus Status, int Attempt,
    int? Progress, string? ProgressText, DateTimeOffset At, TimeSpan? Duration = null, TimeSpan? Lateness = null);
