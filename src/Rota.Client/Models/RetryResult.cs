namespace Rota.Client.Models;

/// <summary>The answer to retry: the new run.</summary>
public sealed record RetryResult(long RunId, long RetryOf, string Status, string? Reason);
