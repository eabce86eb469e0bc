namespace Rota.Alerts;

/// <summary>The snake_case words of <see cref="AlertRuleKind"/> as written in configuration and the API.</summary>
public static class AlertKindNames
{
    private static readonly Dictionary<AlertRuleKind, string> Words =
        Enum.GetValues<AlertRuleKind>().ToDictionary(k => k, k => TextNames.Of(k));

    public static IReadOnlyCollection<string> All => Words.Values;

    public static string Name(AlertRuleKind kind) => Words[kind];

    public static AlertRuleKind? Parse(string text) => Words.FirstOrDefault(kv => kv.Value == text) is { Value: not null } hit ? hit.Key : null;
}
