namespace Rota.Crawler.Parsing;

/// <summary>A parsed feed of any supported format, normalized: channel metadata, entries, and what had to be repaired.</summary>
public sealed class FeedDocument
{
    public required FeedFormat Format { get; init; }

    /// <summary>The character encoding the text was decoded with (lower case, e.g. <c>utf-8</c>).</summary>
    public required string Encoding { get; init; }

    public required FeedMetadata Feed { get; init; }
    public required IReadOnlyList<FeedEntry> Entries { get; init; }

    /// <summary>Recoveries made while parsing (feedparser's "bozo"): empty when the document was well-formed.</summary>
    public required IReadOnlyList<FeedWarning> Warnings { get; init; }
}
