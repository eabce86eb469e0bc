namespace Rota.Pipelines;

/// <summary>One problem in a pipeline definition: path relative to the pipeline (<c>steps[2].when</c>), the bad value, why.</summary>
public sealed record PipelineProblem(string Path, string? Value, string Message);
