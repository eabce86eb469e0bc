using Rota.Cli.Commands;
using PipelineView = Rota.Server.Views.PipelineView;

namespace Rota.Cli.Backends;

public partial interface ICliBackend
{
    Task<IReadOnlyList<PipelineView>> ListPipelinesAsync(CancellationToken ct);
    Task<PipelineView> GetPipelineAsync(string name, CancellationToken ct);
    /// <param name="step">A step name or 1-based number; null runs every step.</param>
    Task<QueuedRun> RunPipelineAsync(string name, string? step, System.Text.Json.Nodes.JsonObject? parameters, CancellationToken ct);
    Task<IReadOnlyList<PipelineRunLog>> ListPipelineRunsAsync(string name, int limit, CancellationToken ct);
    Task<PipelineRunLog> GetPipelineRunAsync(long runId, CancellationToken ct);
}
