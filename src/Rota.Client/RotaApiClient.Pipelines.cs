using System.Globalization;
using Rota.Client.Models;

namespace Rota.Client;

public sealed partial class RotaApiClient
{
    public async Task<IReadOnlyList<PipelineInfo>> ListPipelinesAsync(CancellationToken ct = default) =>
        (await GetAsync<PipelineList>("pipelines", ct)).Pipelines;

    public Task<PipelineInfo> GetPipelineAsync(string name, CancellationToken ct = default) => GetAsync<PipelineInfo>($"pipelines/{Escape(name)}", ct);

    /// <summary>Creates a pipeline from its JSON definition (the rota.yaml pipeline shape); 409 if the name is taken,
    /// 422 listing every validation error.</summary>
    public Task<PipelineInfo> CreatePipelineAsync(string definitionJson, CancellationToken ct = default) =>
        SendJsonAsync<PipelineInfo>(HttpMethod.Post, "pipelines", definitionJson, ct);

    /// <summary>Creates or replaces a pipeline.</summary>
    public Task<PipelineInfo> PutPipelineAsync(string name, string definitionJson, CancellationToken ct = default) =>
        SendJsonAsync<PipelineInfo>(HttpMethod.Put, $"pipelines/{Escape(name)}", definitionJson, ct);

    public Task DeletePipelineAsync(string name, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"pipelines/{Escape(name)}", null, ct);

    /// <summary>Runs the whole pipeline, or one step of it.</summary>
    public Task<TriggerResult> RunPipelineAsync(string name, PipelineRunRequest? request = null, CancellationToken ct = default) =>
        SendJsonAsync<TriggerResult>(HttpMethod.Post, $"pipelines/{Escape(name)}/run", request ?? new PipelineRunRequest(), ct);

    public Task<PipelineRunPage> ListPipelineRunsAsync(string name, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        GetAsync<PipelineRunPage>(Query($"pipelines/{Escape(name)}/runs", ("limit", limit?.ToString(CultureInfo.InvariantCulture)), ("cursor", cursor)), ct);
}
