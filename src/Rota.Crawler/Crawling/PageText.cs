using System.Text;
using AngleSharp.Html.Parser;

namespace Rota.Crawler.Crawling;

/// <summary>The title and readable text of a fetched page, for search and summaries: script, style and template
/// content dropped, whitespace collapsed, capped at <see cref="MaxChars"/>.</summary>
internal static class PageText
{
    public const int MaxChars = 100_000;

    public static (string? Title, string? Text) Extract(byte[] body, string? contentType)
    {
        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (media is not (null or "" or "text/html" or "application/xhtml+xml"))
            return media.StartsWith("text/", StringComparison.Ordinal) ? (null, Collapse(Encoding.UTF8.GetString(body))) : (null, null);
        var document = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(body));
        foreach (var node in document.QuerySelectorAll("script, style, noscript, template")) node.Remove();
        var title = document.Title is { Length: > 0 } t ? Collapse(t) : null;
        return (title, document.Body is { } b ? Collapse(b.TextContent) : null);
    }

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxChars));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
            if (sb.Length >= MaxChars) break;
        }
        return sb.ToString();
    }
}
