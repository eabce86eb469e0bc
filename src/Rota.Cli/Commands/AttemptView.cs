namespace Rota.Cli.Commands;

/// <summary>One attempt in <c>run show --json</c>.</summary>
public sealed record AttemptView(long RunId, int Attempt, string? Node, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Status, RunErrorView? Error);
