namespace Rota.Cli.Commands;

/// <summary>One pipeline run and its step runs: per step seed 000's record (task, started, completed, status, stats, error).</summary>
public sealed record PipelineRunLog(RunView Run, IReadOnlyList<RunView> Steps);
