using Rota.Tasks;

namespace Rota.Configuration;

/// <summary>A queue declared in a configuration file.</summary>
public sealed record QueueDefinition(string Name, int Concurrency);

/// <summary>The validated content of a rota.yaml / rota.json file.</summary>
/// <param name="Alerts">The <c>alerts:</c> section; null when the file has none (the stored alert configuration is kept).</param>
public sealed record RotaConfigDocument(IReadOnlyList<TaskDefinition> Tasks, IReadOnlyList<QueueDefinition> Queues, Alerts.AlertConfig? Alerts = null);
