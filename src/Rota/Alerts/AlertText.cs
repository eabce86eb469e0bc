using System.Text.RegularExpressions;

namespace Rota.Alerts;

/// <summary>Fills <c>{placeholder}</c>s; a placeholder without a value renders empty, <c>{{</c> is a literal brace.</summary>
public static partial class AlertText
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => m.Value == "{{" ? "{" : values.TryGetValue(m.Groups[1].Value, out var v) ? v : "");

    public static IEnumerable<string> UnknownPlaceholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(n => n.Length > 0 && !AlertDefaults.Placeholders.Contains(n)).Distinct();

    [GeneratedRegex(@"\{\{|\{([a-z_]*)\}")]
    private static partial Regex Placeholder();
}
