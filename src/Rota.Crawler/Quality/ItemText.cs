using System.Text;
using AngleSharp.Html.Parser;

namespace Rota.Crawler.Quality;

/// <summary>What the scorer reads from an item's HTML: its visible text (whitespace collapsed), how much of that text
/// sits inside links, and whether it shows media (img, picture, video, audio, iframe).</summary>
internal readonly record struct ItemText(string Text, int LinkChars, bool HasMedia)
{
    private static readonly HtmlParser Parser = new();

    public static ItemText Of(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return new ItemText("", 0, false);
        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal)) return new ItemText(Collapse(html), 0, false);
        var document = Parser.ParseDocument("<body>" + html);
        foreach (var node in document.QuerySelectorAll("script, style, template")) node.Remove();
        var body = document.Body!;
        var links = body.QuerySelectorAll("a").Where(a => a.ParentElement?.Closest("a") is null).Sum(a => Collapse(a.TextContent).Length);
        var media = body.QuerySelector("img, picture, video, audio, iframe") is not null;
        return new ItemText(Collapse(body.TextContent), links, media);
    }

    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
