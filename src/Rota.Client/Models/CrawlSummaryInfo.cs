using System.Text.Json.Serialization;

namespace Rota.Client.Models;

/// <summary>The answer of <c>POST /api/v1/crawl/trigger</c> and <c>POST /api/v1/sources/{id}/crawl</c>: seed 001's
/// summary. <see cref="ResultsTruncated"/> is true when the server left out some (successful) results of a large crawl;
/// <see cref="ItemsFiltered"/> counts the entries the sources' crawl rules kept out.</summary>
public sealed record CrawlSummaryInfo(int SourcesCrawled, int Successful, int Failed, int Partial, int ItemsFetched, int ItemsNew, int PagesQueued,
    IReadOnlyList<CrawlResultInfo> Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ResultsTruncated = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null,
    int ItemsFiltered = 0);
