using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Rota.Crawler.Parsing.Html;

namespace Rota.Crawler.Tests.Sanitizing;

/// <summary>
/// Reads sanitised HTML back with a real HTML5 parser (AngleSharp, which builds the tree a browser builds) and lists
/// everything in that tree that could run script or load something unsafe: elements or attributes outside the
/// allowlist, event handlers, comments, URLs with a scheme other than the allowlisted ones, risky CSS. An empty list
/// means the browser would see only what the sanitiser meant to let through.
/// </summary>
internal static class SanitizedHtmlInspector
{
    private static readonly HashSet<string> Elements = new(FeedHtmlAllowlist.Elements, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Attributes = new(FeedHtmlAllowlist.Attributes, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> UrlAttributes = new(FeedHtmlAllowlist.UriAttributes, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Schemes = new(FeedHtmlAllowlist.UriSchemes.Where(s => s != "data"), StringComparer.OrdinalIgnoreCase);

    public static List<string> Problems(string html)
    {
        var problems = new List<string>();
        // Both contexts a reader may use: the body, and inside an element whose content is raw text when scripting runs.
        foreach (var context in new[] { "<body>", "<body><noscript>" })
        {
            var document = new HtmlParser(new HtmlParserOptions { IsScripting = true }).ParseDocument(context + html);
            Walk(document.Body!, problems, isRoot: true);
        }
        return problems;
    }

    private static void Walk(INode node, List<string> problems, bool isRoot)
    {
        if (node is IComment comment) problems.Add("comment: " + comment.Data);
        if (node is IElement element && !isRoot) Inspect(element, problems);
        foreach (var child in node.ChildNodes) Walk(child, problems, isRoot: false);
    }

    private static void Inspect(IElement element, List<string> problems)
    {
        if (element.NamespaceUri != "http://www.w3.org/1999/xhtml") problems.Add($"foreign element <{element.LocalName}>");
        if (!Elements.Contains(element.LocalName)) problems.Add($"element <{element.LocalName}>");
        foreach (var attr in element.Attributes)
        {
            if (!Attributes.Contains(attr.Name)) problems.Add($"attribute {attr.Name} on <{element.LocalName}>");
            if (attr.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) problems.Add($"handler {attr.Name}");
            if (UrlAttributes.Contains(attr.Name) && !UrlIsSafe(attr.Value, element.LocalName == "img" && attr.Name == "src"))
                problems.Add($"url {attr.Name}=\"{attr.Value}\"");
            if (attr.Name == "style" && (attr.Value.Contains('(') && !attr.Value.Contains("rgb(") || attr.Value.Contains('\\') || attr.Value.Contains("/*")
                    || attr.Value.Contains("expression", StringComparison.OrdinalIgnoreCase) || attr.Value.Contains("url", StringComparison.OrdinalIgnoreCase)))
                problems.Add($"style \"{attr.Value}\"");
        }
    }

    /// <summary>The scheme as a browser's URL parser finds it (tabs and newlines removed, leading controls and
    /// spaces stripped).</summary>
    private static bool UrlIsSafe(string value, bool isImageSource)
    {
        var url = new string(value.Where(c => c is not ('\t' or '\n' or '\r')).ToArray()).Trim(Enumerable.Range(0, 0x21).Select(i => (char)i).ToArray());
        var colon = url.IndexOf(':');
        if (colon <= 0) return true;
        var scheme = url[..colon];
        if (!char.IsAsciiLetter(scheme[0]) || scheme.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))) return true;
        if (Schemes.Contains(scheme)) return true;
        return isImageSource && scheme.Equals("data", StringComparison.OrdinalIgnoreCase) && url[(colon + 1)..].TrimStart().StartsWith("image/", StringComparison.OrdinalIgnoreCase);
    }
}
