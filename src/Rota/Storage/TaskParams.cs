using Rota.Runs;
using Rota.Tasks;

namespace Rota.Storage;

/// <summary>A stored task with its bookkeeping.</summary>
public sealed record TaskRow
{
    public long Id { get; init; }
    public required TaskDefinition Definition { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int ConsecutiveFailures { get; init; }
    public DateTimeOffset? LastRunAt { get; init; }
    public RunStatus? LastStatus { get; init; }
    public string Name => Definition.Name;
}

public sealed record TaskUpsertParams(TaskDefinition Definition, DateTimeOffset Now);

public sealed record TaskListParams(string? Owner = null, bool? Enabled = null);

public sealed record TaskSetEnabledParams(string Name, bool Enabled, string? Reason, DateTimeOffset? PausedUntil, DateTimeOffset Now);
