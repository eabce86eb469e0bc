using System.Globalization;
using System.Text.Json.Nodes;

namespace Rota.Handlers;

/// <summary>The <c>expect_status</c> parameter: codes (<c>204</c>), classes (<c>"2xx"</c>) and ranges
/// (<c>"200-299"</c>), one or a list. Default 2xx.</summary>
internal sealed class HttpStatusMatcher
{
    private readonly List<(int From, int To)> _ranges;

    private HttpStatusMatcher(List<(int From, int To)> ranges) => _ranges = ranges;

    public static HttpStatusMatcher Default { get; } = new([(200, 299)]);

    public bool Matches(int status) => _ranges.Exists(r => status >= r.From && status <= r.To);

    public override string ToString() => string.Join(", ", _ranges.Select(r => r.From == r.To ? Invariant(r.From) : $"{r.From}-{r.To}"));

    public static HttpStatusMatcher Parse(JsonNode? node, HandlerParameters p, string name)
    {
        if (node is null) return Default;
        var items = node is JsonArray a ? a.ToList() : [node];
        if (items.Count == 0) throw p.Bad(name, "must list at least one status code");
        return new(items.Select(item => ParseItem(item, p, name)).ToList());
    }

    private static (int, int) ParseItem(JsonNode? item, HandlerParameters p, string name)
    {
        var text = item is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : item?.ToJsonString() ?? "null";
        if (text.Length == 3 && text[0] is >= '1' and <= '5' && text.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
            return ((text[0] - '0') * 100, (text[0] - '0') * 100 + 99);
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && Code(text[..dash]) is { } from && Code(text[(dash + 1)..]) is { } to && from <= to) return (from, to);
        if (Code(text) is { } code) return (code, code);
        throw p.Bad(name, "must be status codes (200), classes (\"2xx\") or ranges (\"200-299\") between 100 and 599", text);
    }

    private static int? Code(string s) =>
        int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 100 and <= 599 ? c : null;

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
