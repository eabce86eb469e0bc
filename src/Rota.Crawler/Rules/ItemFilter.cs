using Rota.Storage;

namespace Rota.Crawler.Rules;

/// <summary>A <c>block</c> or <c>keep</c> rule: matches an item when <see cref="Pattern"/> matches the chosen field
/// (for <c>tags</c>, any one tag; for <c>any</c>, any field).</summary>
public sealed record ItemFilter(ItemField Field, TextPattern Pattern)
{
    public bool Matches(ItemWrite item) => Field switch
    {
        ItemField.Title => Pattern.IsMatch(item.Title),
        ItemField.Content => Pattern.IsMatch(item.Content) || Pattern.IsMatch(item.Summary),
        ItemField.Author => Pattern.IsMatch(item.Author),
        ItemField.Url => Pattern.IsMatch(item.Url),
        ItemField.Tags => Tags(item).Any(Pattern.IsMatch),
        _ => Pattern.IsMatch(item.Title) || Pattern.IsMatch(item.Content) || Pattern.IsMatch(item.Summary)
            || Pattern.IsMatch(item.Author) || Pattern.IsMatch(item.Url) || Tags(item).Any(Pattern.IsMatch),
    };

    private static IEnumerable<string?> Tags(ItemWrite item) =>
        item.Categories?.Select(c => c is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null) ?? [];
}
