namespace Rota.Storage;

internal static class RotaStoreExtensions
{
    /// <summary>Creates a queue row with the default concurrency when the queue does not exist yet.</summary>
    public static async Task QueueUpsertIfMissing(this IRotaStore store, string name, CancellationToken ct, int concurrency = 10)
    {
        var queues = await store.QueueList(ct).ConfigureAwait(false);
        if (queues.All(q => q.Name != name)) await store.QueueUpsert(new QueueUpsertParams(name, concurrency), ct).ConfigureAwait(false);
    }
}
