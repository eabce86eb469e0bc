namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/runs/{id}</c>: the run, its attempts and its logs.</summary>
public sealed record RunDetail(RunInfo Run, IReadOnlyList<AttemptInfo> Attempts, string? Logs);
