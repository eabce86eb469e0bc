using System.Text.RegularExpressions;

namespace Rota.Crawler.Rules;

/// <summary>A <c>rewrite</c> regex replacement on a title or content (<c>$1</c> names a group).</summary>
public sealed record TextReplacement(Regex Regex, string Replacement)
{
    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        try { return Regex.Replace(text, Replacement); }
        catch (RegexMatchTimeoutException) { return text; }
    }
}
