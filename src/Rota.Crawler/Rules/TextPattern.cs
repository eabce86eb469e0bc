using System.Text.RegularExpressions;

namespace Rota.Crawler.Rules;

/// <summary>A plain substring or a regular expression, case-insensitive unless asked otherwise. Regexes run with the
/// non-backtracking engine and a match timeout, so a user's pattern cannot stall a crawl.</summary>
public sealed class TextPattern
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly string? _contains;
    private readonly StringComparison _comparison;

    private TextPattern(string? contains, Regex? regex, bool ignoreCase)
    {
        _contains = contains;
        Regex = regex;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    /// <summary>The compiled expression; null for a plain substring.</summary>
    public Regex? Regex { get; }

    public static TextPattern Contains(string text, bool ignoreCase) => new(text, null, ignoreCase);

    /// <summary>The pattern, or null with <paramref name="error"/> saying why it cannot be used.</summary>
    public static TextPattern? TryRegex(string pattern, bool ignoreCase, out string? error)
    {
        error = null;
        try
        {
            var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            return new TextPattern(null, new Regex(pattern, options, MatchTimeout), ignoreCase);
        }
        catch (ArgumentException ex)
        {
            error = $"not a valid regular expression: {ex.Message}";
        }
        catch (NotSupportedException)
        {
            error = "not a usable regular expression: backreferences, lookarounds and atomic groups are not supported";
        }
        return null;
    }

    public bool IsMatch(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        if (Regex is null) return text.Contains(_contains!, _comparison);
        try { return Regex.IsMatch(text); }
        catch (RegexMatchTimeoutException) { return false; }
    }
}
