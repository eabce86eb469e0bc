using Rota.Storage;

namespace Rota.Crawler.Rules;

/// <summary>The pure steps of a source's rules over mapped items: rewrite, then block, then keep.</summary>
public static class RuleApplier
{
    /// <summary>The item with its link cleaned and its title, content and summary rewritten.</summary>
    public static ItemWrite Rewrite(ItemWrite item, SourceRules rules)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.Rewrites) return item;
        return item with
        {
            Url = rules.StripParams.Apply(item.Url),
            Title = Apply(rules.TitleReplacements, item.Title),
            Content = Apply(rules.ContentReplacements, item.Content),
            Summary = Apply(rules.ContentReplacements, item.Summary),
        };
    }

    /// <summary>Null when the item is stored; else why not: <c>blocked</c> or <c>kept_out</c>.</summary>
    public static string? Reject(ItemWrite item, SourceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Block.Any(f => f.Matches(item))) return "blocked";
        if (rules.Keep.Count > 0 && !rules.Keep.Any(f => f.Matches(item))) return "kept_out";
        return null;
    }

    private static string? Apply(IReadOnlyList<TextReplacement> replacements, string? text)
    {
        foreach (var r in replacements) text = r.Apply(text);
        return text;
    }
}
