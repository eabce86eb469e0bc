using Ganss.Xss;

namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// Cleans HTML from feeds with HtmlSanitizer on <see cref="FeedHtmlAllowlist"/>: unknown elements are unwrapped
/// (their text kept), scripts and the like are removed with their content, event handlers and unsafe URLs go, and
/// relative URLs are resolved against the base. Output is XHTML-style (<c>&lt;br /&gt;</c>), as feedparser writes it.
/// Thread-safe: one instance serves every parse.
/// </summary>
internal sealed class FeedHtmlSanitizer
{
    public static FeedHtmlSanitizer Shared { get; } = new();

    private readonly HtmlSanitizer _sanitizer;

    private FeedHtmlSanitizer()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(FeedHtmlAllowlist.Elements, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(FeedHtmlAllowlist.Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(FeedHtmlAllowlist.CssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(FeedHtmlAllowlist.UriSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(FeedHtmlAllowlist.UriAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            KeepChildNodes = true,
            OutputFormatter = FeedMarkupFormatter.Instance,
        };
        _sanitizer.RemovingTag += DropWithContent;
    }

    /// <summary>Scripts, styles and embeds lose their content too: unwrapping them would leak code as text.</summary>
    private static void DropWithContent(object? sender, RemovingTagEventArgs e)
    {
        if (!FeedHtmlAllowlist.DroppedWithContent.Contains(e.Tag.LocalName)) return;
        e.Tag.Remove();
        e.Cancel = true;
    }

    /// <summary>The sanitized form of <paramref name="html"/>; relative URLs resolved against <paramref name="baseUrl"/>.</summary>
    public string Sanitize(string html, string? baseUrl)
    {
        // Text without markup or references has nothing to clean: skip the HTML parser.
        if (html.AsSpan().IndexOfAny('<', '&', '>') < 0) return html;
        return _sanitizer.Sanitize(html, baseUrl ?? "");
    }
}
