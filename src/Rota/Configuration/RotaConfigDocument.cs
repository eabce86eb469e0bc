using Rota.Tasks;

namespace Rota.Configuration;

/// <summary>A queue declared in a configuration file: its cluster-wide concurrency and its claim priority.</summary>
public sealed record QueueDefinition(string Name, int Concurrency, int Priority = 0);

/// <summary>The validated content of a rota.yaml / rota.json file. <see cref="Crawler"/> is null without a
/// <c>crawler:</c> section.</summary>
/// <param name="Alerts">The <c>alerts:</c> section; null when the file has none (the stored alert configuration is kept).</param>
public sealed record RotaConfigDocument(IReadOnlyList<TaskDefinition> Tasks, IReadOnlyList<QueueDefinition> Queues, Alerts.AlertConfig? Alerts = null)
{
    public CrawlerSettings? Crawler { get; init; }

    /// <summary>Pipelines of the file, validated against its tasks (docs/pipelines.md).</summary>
    public IReadOnlyList<Pipelines.PipelineDefinition> Pipelines { get; init; } = [];

    /// <summary>The <c>sources:</c> section: sources to add when missing, with their crawl rules.</summary>
    public IReadOnlyList<SourceDefinition> Sources { get; init; } = [];
}
