namespace Rota.Storage;

/// <summary>Builds <see cref="CrawlLogStats"/> from a store's raw sums, so both dialects round the same way.</summary>
public static class CrawlStats
{
    public static CrawlLogStats From(long total, long successful, long failed, long partial, long fetched, long isNew, DateTimeOffset? last, double avgMs) =>
        new(total, successful, failed, partial, fetched, isNew, last, Math.Round(avgMs, 2),
            total == 0 ? 0 : Math.Round(successful * 100.0 / total, 2));
}
