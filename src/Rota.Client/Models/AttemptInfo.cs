namespace Rota.Client.Models;

/// <summary>One attempt inside a run.</summary>
public sealed record AttemptInfo(int Attempt, string? Node, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Status, RunErrorInfo? Error);
