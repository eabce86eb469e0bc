using Rota.Tasks;

namespace Rota.Configuration;

/// <summary>A queue declared in a configuration file.</summary>
public sealed record QueueDefinition(string Name, int Concurrency);

/// <summary>The validated content of a rota.yaml / rota.json file. <see cref="Crawler"/> is null without a
/// <c>crawler:</c> section.</summary>
public sealed record RotaConfigDocument(IReadOnlyList<TaskDefinition> Tasks, IReadOnlyList<QueueDefinition> Queues)
{
    public CrawlerSettings? Crawler { get; init; }

    /// <summary>Pipelines of the file, validated against its tasks (docs/pipelines.md).</summary>
    public IReadOnlyList<Pipelines.PipelineDefinition> Pipelines { get; init; } = [];
}
