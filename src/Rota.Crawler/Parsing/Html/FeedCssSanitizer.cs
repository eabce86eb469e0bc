using System.Text;
using System.Text.RegularExpressions;

namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// Cleans a <c>style</c> attribute the way feedparser does: <c>url(…)</c> is removed; a declaration list with any
/// character outside a small safe set (backslashes, comments, parentheses other than number lists, quotes around
/// anything but words) is dropped whole, which rules out <c>expression()</c>, escapes and imports; what remains keeps
/// only allowlisted properties, and the background/border/margin/padding shorthands only with plain keyword or length
/// values. Output is "prop: value;" joined by spaces; empty means drop the attribute.
/// </summary>
internal static partial class FeedCssSanitizer
{
    private static readonly HashSet<string> Properties = new(FeedHtmlAllowlist.CssProperties, StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom", "brown", "center", "collapse", "dashed",
        "dotted", "fuchsia", "gray", "green", "!important", "italic", "left", "lime", "maroon", "medium", "none", "navy",
        "normal", "nowrap", "olive", "pointer", "purple", "red", "right", "solid", "silver", "teal", "top", "transparent",
        "underline", "white", "yellow",
    };

    private static readonly string[] Shorthands = ["background", "border", "margin", "padding"];

    [GeneratedRegex(@"url\s*\(\s*[^\s)]+?\s*\)\s*")]
    private static partial Regex UrlCall();

    [GeneratedRegex(@"^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|""[\s\w]+""|\([\d,\s]+\))*$", RegexOptions.NonBacktracking)]
    private static partial Regex Gauntlet();

    [GeneratedRegex(@"\s*[-\w]+\s*:\s*[^:;]*;?")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"([-\w]+)\s*:\s*([^:;]*)")]
    private static partial Regex PropertyValue();

    [GeneratedRegex(@"^(#[0-9a-fA-F]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$")]
    private static partial Regex ShorthandValue();

    public static string Clean(string style)
    {
        if (style.Contains("url", StringComparison.OrdinalIgnoreCase)) style = UrlCall().Replace(style, " ");
        if (!Gauntlet().IsMatch(style)) return "";
        if (!string.IsNullOrWhiteSpace(Declaration().Replace(style, ""))) return "";
        var clean = new StringBuilder(style.Length);
        foreach (Match m in PropertyValue().Matches(style))
        {
            var property = m.Groups[1].Value;
            var value = m.Groups[2].Value;
            if (value.Length == 0 || !Allowed(property, value)) continue;
            if (clean.Length > 0) clean.Append(' ');
            clean.Append(property).Append(": ").Append(value).Append(';');
        }
        return clean.ToString();
    }

    private static bool Allowed(string property, string value)
    {
        if (Properties.Contains(property)) return true;
        var dash = property.IndexOf('-');
        var family = dash < 0 ? property : property[..dash];
        if (!Shorthands.Contains(family, StringComparer.OrdinalIgnoreCase)) return false;
        foreach (var keyword in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            if (!Keywords.Contains(keyword) && !ShorthandValue().IsMatch(keyword)) return false;
        return true;
    }
}
