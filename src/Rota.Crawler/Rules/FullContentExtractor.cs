using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Rota.Crawler.Parsing.Html;

namespace Rota.Crawler.Rules;

/// <summary>Extracts an article's body from its page for <c>full_content</c>: the element the rule's CSS selector
/// picks (else <c>article</c>, else <c>main</c>, else the body), run through <see cref="HtmlFragmentSanitizer"/> (the
/// same allow-list as feed content) with links resolved against the page.</summary>
public static class FullContentExtractor
{
    /// <summary>Longest extract kept, in characters of sanitised HTML.</summary>
    public const int MaxChars = 500_000;

    public static bool IsValidSelector(string selector)
    {
        if (selector.Trim().Length == 0 || selector.Length > 500) return false;
        try
        {
            new HtmlParser().ParseDocument("").QuerySelector(selector);
            return true;
        }
        catch (DomException)
        {
            return false;
        }
    }

    /// <summary>The sanitised HTML of the chosen element, or null when the page is not HTML, nothing matches, or the
    /// element holds no text.</summary>
    public static string? Extract(byte[] body, string? contentType, string? selector, Uri pageUrl)
    {
        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (media is not (null or "" or "text/html" or "application/xhtml+xml")) return null;
        // The stream overload lets AngleSharp honour the page's <meta charset> and byte-order mark.
        using var stream = new MemoryStream(body, writable: false);
        var document = new HtmlParser().ParseDocument(stream);
        var element = selector is not null ? document.QuerySelector(selector)
            : document.QuerySelector("article") ?? document.QuerySelector("main") ?? document.Body;
        if (element is null || string.IsNullOrWhiteSpace(element.TextContent)) return null;
        var html = HtmlFragmentSanitizer.Sanitize(element.InnerHtml, pageUrl).Trim();
        return html.Length == 0 ? null : html.Length <= MaxChars ? html : HtmlFragmentSanitizer.Sanitize(html[..MaxChars], pageUrl);
    }
}
