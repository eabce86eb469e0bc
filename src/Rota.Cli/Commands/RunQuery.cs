namespace Rota.Cli.Commands;

/// <summary>The filters of <c>run list</c>; status and trigger as snake_case text, already checked.</summary>
public sealed record RunQuery(string? Task, string? Status, string? Trigger, int Limit, long? BeforeId);
