namespace Rota.Client.Models;

/// <summary>The answer to cancel: <c>cancelled</c> (it had not started) or <c>cancel_requested</c> (the node stops it).</summary>
public sealed record CancelResult(long RunId, string Outcome, string? Status);
