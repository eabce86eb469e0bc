using Rota.Storage;

namespace Rota.Crawler.Scheduling;

/// <summary>Reads a source's newest item times from the store and learns its <see cref="PostingProfile"/>. An item's
/// time is when the feed says it was published; without a date (or with one after it was first seen) it is when the
/// crawler first saw it.</summary>
public static class PostingHistory
{
    /// <returns>The profile (null while still learning) and the number of items in the learning window.</returns>
    public static async Task<(PostingProfile? Profile, int ItemsInWindow)> LearnAsync(IRotaStore store, long sourceId, PredictiveOptions o,
        DateTimeOffset now, CancellationToken ct)
    {
        var rows = await store.ItemTimeList(new ItemTimeListParams(sourceId, o.MaxItems), ct).ConfigureAwait(false);
        var times = rows.Select(TimeOf).ToList();
        return (PostingProfile.Learn(times, now, o), times.Count(t => t >= now - o.Window));
    }

    public static DateTimeOffset TimeOf(ItemTimes t) => t.PublishedAt is { } p && p <= t.FetchedAt ? p : t.FetchedAt;
}
