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

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Shorthands =
        new HashSet<string>(["background", "border", "margin", "padding"], StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    [GeneratedRegex(@"url\s*\(\s*[^\s)]+?\s*\)\s*")]
    private static partial Regex UrlCall();

    [GeneratedRegex(@"^(#[0-9a-fA-F]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$")]
    private static partial Regex ShorthandValue();

    public static string Clean(string style)
    {
        if (style.Contains("url", StringComparison.OrdinalIgnoreCase)) style = UrlCall().Replace(style, " ");
        if (!PassesGauntlet(style)) return "";
        var clean = new StringBuilder(style.Length);
        foreach (var range in style.AsSpan().Split(';'))
        {
            var declaration = style.AsSpan(range);
            if (declaration.IsWhiteSpace())
            {
                if (range.End.Value == style.Length) continue; // the tail after a final ';'
                return ""; // ";;" or a leading ';': not a declaration list
            }
            var colon = declaration.IndexOf(':');
            if (colon < 0 || declaration[(colon + 1)..].Contains(':')) return "";
            var property = declaration[..colon].Trim();
            if (property.IsEmpty || !IsPropertyName(property)) return "";
            var value = declaration[(colon + 1)..].TrimStart();
            if (value.IsEmpty) continue;
            var prop = property.ToString();
            var val = value.ToString();
            if (!Allowed(prop, val)) continue;
            if (clean.Length > 0) clean.Append(' ');
            clean.Append(prop).Append(": ").Append(val).Append(';');
        }
        return clean.ToString();
    }

    /// <summary>Only word characters, whitespace, <c>: , ; # % . !</c>, a hyphen between word characters, quoted
    /// words and parenthesised number lists: no escapes, comments, at-rules, brackets or function calls.</summary>
    private static bool PassesGauntlet(string style)
    {
        for (var i = 0; i < style.Length; i++)
        {
            var c = style[i];
            if (char.IsLetterOrDigit(c) || c == '_' || char.IsWhiteSpace(c) || c is ':' or ',' or ';' or '#' or '%' or '.' or '!') continue;
            if (c == '-' && i > 0 && IsWord(style[i - 1]) && i + 1 < style.Length && IsWord(style[i + 1])) continue;
            if (c is '\'' or '"' && Enclosed(style, ref i, c, static ch => IsWord(ch) || char.IsWhiteSpace(ch))) continue;
            if (c == '(' && Enclosed(style, ref i, ')', static ch => char.IsDigit(ch) || ch == ',' || char.IsWhiteSpace(ch))) continue;
            return false;
        }
        return true;
    }

    private static bool Enclosed(string s, ref int i, char close, Func<char, bool> allowed)
    {
        var end = s.IndexOf(close, i + 1);
        if (end <= i + 1) return false;
        for (var k = i + 1; k < end; k++)
            if (!allowed(s[k])) return false;
        i = end;
        return true;
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsPropertyName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
            if (!(IsWord(c) || c == '-')) return false;
        return true;
    }

    private static bool Allowed(string property, string value)
    {
        if (Properties.Contains(property)) return true;
        var dash = property.IndexOf('-');
        if (!Shorthands.Contains(dash < 0 ? property : property.AsSpan(0, dash))) return false;
        foreach (var range in value.AsSpan().SplitAny(" \t\n\r\f"))
        {
            var keyword = value.AsSpan(range);
            if (!keyword.IsEmpty && !Keywords.Contains(keyword.ToString()) && !ShorthandValue().IsMatch(keyword)) return false;
        }
        return true;
    }
}
