namespace Rota.Runs;

/// <summary>One attempt inside a run.</summary>
public sealed record RunAttempt(
    long RunId,
    int Attempt,
    string? Node,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    RunStatus Status,
    RunError? Error);
