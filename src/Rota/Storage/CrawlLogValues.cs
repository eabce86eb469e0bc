namespace Rota.Storage;

/// <summary>Seed 001's crawl types and statuses, stored as these words.</summary>
public static class CrawlLogValues
{
    public const string Scheduled = "scheduled";
    public const string Manual = "manual";
    public const string Retry = "retry";
    public const string Started = "started";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Partial = "partial";
}
