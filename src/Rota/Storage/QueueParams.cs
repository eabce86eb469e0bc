namespace Rota.Storage;

/// <param name="Concurrency">Runs of the queue executing at once on one node.</param>
public sealed record QueueRow(string Name, int Concurrency, bool Paused, int Waiting, int Running);

public sealed record QueueUpsertParams(string Name, int Concurrency);

public sealed record QueueSetPausedParams(string Name, bool Paused);
