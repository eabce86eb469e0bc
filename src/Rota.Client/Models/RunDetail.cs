namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/runs/{id}</c>: the run, its attempts and its logs; for a pipeline run its step runs in order.</summary>
public sealed record RunDetail(RunInfo Run, IReadOnlyList<AttemptInfo> Attempts, string? Logs, IReadOnlyList<RunInfo>? Steps = null);
