using System.Text.Json.Nodes;

namespace Rota.Crawler.Rules;

/// <summary>How many entries each crawl rule held back in one crawl, and how full-content fetches went; written to
/// the crawl log's details (<c>rules</c>) and the crawl summary.</summary>
public sealed record RuleCounts
{
    /// <summary>Entries past <c>max_items</c>.</summary>
    public int Truncated { get; init; }
    /// <summary>Items matching a <c>block</c> filter.</summary>
    public int Blocked { get; init; }
    /// <summary>Items matching no <c>keep</c> filter.</summary>
    public int KeptOut { get; init; }
    /// <summary>Items scoring under <c>min_quality</c>.</summary>
    public int BelowQuality { get; init; }
    /// <summary>Items whose link cleanup, title or content rewrite changed them.</summary>
    public int Rewritten { get; init; }
    public int FullContentFetched { get; init; }
    public int FullContentFailed { get; init; }

    /// <summary>Entries the rules kept from being stored.</summary>
    public int Filtered => Truncated + Blocked + KeptOut + BelowQuality;

    public bool IsEmpty => Filtered == 0 && Rewritten == 0 && FullContentFetched == 0 && FullContentFailed == 0;

    public JsonObject ToJson() => new()
    {
        ["truncated"] = Truncated, ["blocked"] = Blocked, ["kept_out"] = KeptOut, ["below_quality"] = BelowQuality,
        ["rewritten"] = Rewritten, ["full_content_fetched"] = FullContentFetched, ["full_content_failed"] = FullContentFailed,
    };
}
