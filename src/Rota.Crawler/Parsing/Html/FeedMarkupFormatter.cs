using AngleSharp.Dom;
using AngleSharp.Html;

namespace Rota.Crawler.Parsing.Html;

/// <summary>HTML serialization with XHTML-style void elements (<c>&lt;br /&gt;</c>, <c>&lt;img … /&gt;</c>) and explicit
/// end tags everywhere else (<c>&lt;span&gt;&lt;/span&gt;</c>): readable by HTML and XML consumers alike, and the form
/// feedparser emits.</summary>
internal sealed class FeedMarkupFormatter : HtmlMarkupFormatter
{
    public static new FeedMarkupFormatter Instance { get; } = new();

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    };

    public override string OpenTag(IElement element, bool selfClosing)
    {
        var tag = base.OpenTag(element, selfClosing);
        return Void.Contains(element.LocalName) && tag.EndsWith('>') && !tag.EndsWith("/>", StringComparison.Ordinal) ? tag[..^1] + " />" : tag;
    }
}
