using System.Collections.Concurrent;

namespace Rota.Benchmarks.Measure;

/// <summary>Collects fires from handlers on any thread. One per child process (<see cref="Shared"/>): Quartz and
/// Hangfire create their jobs themselves, so they reach it statically; Rota's handler gets it from DI.</summary>
internal sealed class FireRecorder
{
    private readonly ConcurrentQueue<FireRecord> _fires = new();

    public static FireRecorder Shared { get; } = new();

    public int Count => _fires.Count;

    /// <summary>Call first thing in the handler: the wall clock is read here.</summary>
    public void Record(string key, DateTimeOffset nominal) => _fires.Enqueue(new FireRecord(key, nominal, TimeProvider.System.GetUtcNow()));

    public void Record(string key, DateTimeOffset nominal, DateTimeOffset actual) => _fires.Enqueue(new FireRecord(key, nominal, actual));

    public IReadOnlyList<FireRecord> Snapshot() => [.. _fires];
}
