namespace Rota.Cli.Commands;

/// <summary>A page of runs; <see cref="NextBeforeId"/> continues with <c>--before-id</c>.</summary>
public sealed record RunListView(IReadOnlyList<RunView> Runs, long? NextBeforeId);
