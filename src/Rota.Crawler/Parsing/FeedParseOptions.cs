namespace Rota.Crawler.Parsing;

/// <summary>What the caller knows about a document beyond its bytes (usually from the HTTP response).</summary>
public sealed record FeedParseOptions
{
    /// <summary>The URL the document was fetched from (or its Content-Location): the base for relative links.
    /// Default null: relative links resolve against xml:base or the feed's own link, else stay relative.</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>The HTTP Content-Type header, whose charset overrides the document's own declaration. Default null.</summary>
    public string? ContentType { get; init; }

    /// <summary>The HTTP Content-Language header: the language of text without xml:lang. Default null.</summary>
    public string? DefaultLanguage { get; init; }

    /// <summary>Sanitize HTML in titles, summaries and content. Default true; turn off only for trusted input.</summary>
    public bool SanitizeHtml { get; init; } = true;

    public static FeedParseOptions Default { get; } = new();
}
