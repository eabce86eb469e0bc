namespace Rota.Client.Models;

/// <summary>A queue: its concurrency limit, whether it is paused, and its waiting and running runs.</summary>
public sealed record QueueInfo(string Name, int Concurrency, bool Paused, int Waiting, int Running);
