namespace Rota.Crawler.Rules;

/// <summary>
/// A source's validated crawl rules (see docs/crawler.md "Crawl rules"), read from the JSON stored with the source by
/// <see cref="SourceRulesReader"/>. Order at ingest: <see cref="MaxItems"/> → rewrite (<see cref="StripParams"/>,
/// <see cref="TitleReplacements"/>, <see cref="ContentReplacements"/>) → <see cref="Block"/> → <see cref="Keep"/> →
/// <see cref="FullContent"/> for new items → quality score → <see cref="MinQuality"/>.
/// </summary>
public sealed record SourceRules
{
    public static SourceRules None { get; } = new();

    /// <summary>An item matching any of these is not stored.</summary>
    public IReadOnlyList<ItemFilter> Block { get; init; } = [];
    /// <summary>When not empty, only items matching at least one of these are stored.</summary>
    public IReadOnlyList<ItemFilter> Keep { get; init; } = [];
    public QueryParamStripper StripParams { get; init; } = new([]);
    public IReadOnlyList<TextReplacement> TitleReplacements { get; init; } = [];
    /// <summary>Applied to the content and the summary.</summary>
    public IReadOnlyList<TextReplacement> ContentReplacements { get; init; } = [];
    /// <summary>At most this many entries per crawl, in feed order (after the crawler-wide cap).</summary>
    public int? MaxItems { get; init; }
    /// <summary>Items scoring below this are not stored.</summary>
    public int? MinQuality { get; init; }
    /// <summary>Sent instead of the crawler's User-Agent for this source's feed and pages.</summary>
    public string? UserAgent { get; init; }
    /// <summary>Extra request headers (e.g. Cookie), sent only to the feed's own host.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>Fetch each new item's page and store the extracted element as its content.</summary>
    public bool FullContent { get; init; }
    /// <summary>CSS selector of the element to extract; null: <c>article</c>, else <c>main</c>, else the body.</summary>
    public string? Selector { get; init; }

    public bool Rewrites => StripParams.Names.Count > 0 || TitleReplacements.Count > 0 || ContentReplacements.Count > 0;
}
