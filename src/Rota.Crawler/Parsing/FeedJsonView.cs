using System.Globalization;

namespace Rota.Crawler.Parsing;

/// <summary>The public JSON shape of a parsed feed, printed by <c>rota feed parse</c> (contract in docs/crawler.md):
/// absent values are null, dates ISO 8601 UTC strings, people as "Name (email)". Serialize with any snake_case-agnostic
/// serializer: the property names are already the contract's.</summary>
public static class FeedJsonView
{
    public static object Of(FeedDocument d) => new
    {
        feed = new
        {
            title = d.Feed.Title?.Value,
            link = d.Feed.Link,
            description = d.Feed.Description?.Value,
            language = d.Feed.Language,
            updated = Iso(d.Feed.Updated ?? d.Feed.Published),
            author = d.Feed.Authors.FirstOrDefault()?.Display,
            image_url = d.Feed.Image?.Url,
        },
        entries = d.Entries.Select(e => new
        {
            id = e.Id,
            title = e.Title?.Value,
            link = e.Link,
            summary = e.Summary?.Value,
            content = e.Content.FirstOrDefault(c => c.IsHtml)?.Value ?? e.Content.FirstOrDefault()?.Value,
            published = Iso(e.Published),
            updated = Iso(e.Updated),
            author = e.Authors.FirstOrDefault()?.Display,
            categories = e.Categories.Select(c => c.Term).ToList(),
            enclosures = e.Enclosures.Select(x => new { url = x.Url, type = x.Type, length = x.Length }).ToList(),
        }).ToList(),
        warnings = d.Warnings.Select(w => new { code = w.Code, message = w.Message }).ToList(),
    };

    private static string? Iso(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
