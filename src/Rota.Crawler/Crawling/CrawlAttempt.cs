using Rota.Crawler.Fetching;

namespace Rota.Crawler.Crawling;

/// <summary>The result of fetching, parsing and storing one source, before the log and source rows are written.</summary>
internal sealed record CrawlAttempt
{
    public required string Status { get; init; }
    public FetchResult? Fetch { get; init; }
    public int ItemsFetched { get; init; }
    public IReadOnlyList<long> NewIds { get; init; } = [];
    public IReadOnlyList<string> ItemErrors { get; init; } = [];
    /// <summary>What the source's crawl rules held back or changed.</summary>
    public Rules.RuleCounts Rules { get; init; } = new();
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public bool ErrorTransient { get; init; }
    /// <summary>410: the source is disabled.</summary>
    public bool Gone { get; init; }

    public bool Failed => Status == Storage.CrawlLogValues.Failed;

    public static CrawlAttempt Failure(FetchResult? fetch, string code, string message, bool transient) => new()
    {
        Status = Storage.CrawlLogValues.Failed, Fetch = fetch, ErrorCode = code, ErrorMessage = message, ErrorTransient = transient,
    };
}
