namespace Rota.Cli.Commands;

/// <summary>How <c>run cancel</c> went: <c>cancelled</c>, <c>cancel_requested</c> or <c>already_finished</c> (with the final status).</summary>
public sealed record CancelView(string Outcome, string? Status);
