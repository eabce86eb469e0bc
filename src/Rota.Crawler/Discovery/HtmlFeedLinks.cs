using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Rota.Crawler.Sources;

namespace Rota.Crawler.Discovery;

/// <summary>Reads <c>&lt;link rel="alternate" type="…feed type…"&gt;</c> from an HTML page, resolving relative hrefs
/// against <c>&lt;base href&gt;</c> and the page URL.</summary>
internal static class HtmlFeedLinks
{
    // application/json is what JSON Feed publishers used before feed+json; WordPress REST links share it and are skipped.
    private static readonly HashSet<string> FeedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json", "application/json",
        "application/x.atom+xml", "application/x-atom+xml", "application/x-rss+xml", "text/xml", "application/xml",
    };

    public static IDocument Parse(byte[] html) => new HtmlParser().ParseDocument(new MemoryStream(html, writable: false));

    public static List<FeedCandidate> Find(IDocument document, Uri pageUrl)
    {
        var baseUrl = document.QuerySelector("base[href]")?.GetAttribute("href") is { } b && Uri.TryCreate(pageUrl, b.Trim(), out var resolvedBase)
            ? resolvedBase : pageUrl;
        var found = new List<FeedCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in document.QuerySelectorAll("link[rel][href]"))
        {
            var rel = link.GetAttribute("rel")!.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (!rel.Any(r => r.Equals("alternate", StringComparison.OrdinalIgnoreCase) || r.Equals("feed", StringComparison.OrdinalIgnoreCase))) continue;
            var type = link.GetAttribute("type")?.Split(';')[0].Trim().ToLowerInvariant();
            if (type is null || !FeedTypes.Contains(type)) continue;
            if (Resolve(baseUrl, link.GetAttribute("href")!) is not { } url) continue;
            if (type == "application/json" && url.AbsolutePath.Contains("/wp-json/", StringComparison.OrdinalIgnoreCase)) continue;
            if (!seen.Add(UrlNormalizer.Normalize(url))) continue;
            var title = link.GetAttribute("title")?.Trim();
            found.Add(new FeedCandidate(url, string.IsNullOrEmpty(title) ? null : title, type));
        }
        return found;
    }

    /// <summary>An absolute http(s) URL for <paramref name="href"/>; <c>feed:</c> URLs (an old convention) are unwrapped.</summary>
    private static Uri? Resolve(Uri baseUrl, string href)
    {
        href = href.Trim();
        if (href.StartsWith("feed:", StringComparison.OrdinalIgnoreCase))
            href = href[5..].StartsWith("//", StringComparison.Ordinal) ? "http:" + href[5..] : href[5..];
        return Uri.TryCreate(baseUrl, href, out var url) && url.Scheme is "http" or "https" ? url : null;
    }
}
