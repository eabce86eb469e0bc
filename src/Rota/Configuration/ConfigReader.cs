using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rota.Configuration;

/// <summary>Typed reads from a YAML tree that record an error (path, value, line) instead of throwing, so every
/// problem in a file is reported at once.</summary>
internal sealed class ConfigReader
{
    public List<ConfigError> Errors { get; } = [];

    /// <summary>Records an error at <paramref name="node"/>'s place; the value defaults to the node's text.</summary>
    public void Error(string path, YamlNode? node, string message, string? value = null) =>
        Errors.Add(new ConfigError(path, value ?? Render(node), message, LineOf(node), ColumnOf(node)));

    /// <summary>Records a missing or whole-node problem: placed at <paramref name="node"/>, but with no single bad value.</summary>
    public void Missing(string path, YamlNode node, string message) =>
        Errors.Add(new ConfigError(path, null, message, LineOf(node), ColumnOf(node)));

    // Nodes built in code (the schedule shorthand) have no place in the text: line 0.
    private static int? LineOf(YamlNode? node) => node is null || node.Start.Line == 0 ? null : (int)node.Start.Line;

    private static int? ColumnOf(YamlNode? node) => LineOf(node) is null ? null : (int)node!.Start.Column;

    public YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    /// <summary>Reports keys that are not in <paramref name="allowed"/>, suggesting the closest one.</summary>
    public void CheckKeys(YamlMappingNode map, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (allowed.Contains(name)) continue;
            Error(Join(path, name), key, $"unknown key{Suggest(name, allowed)}", name);
        }
    }

    /// <summary>"; did you mean 'x'?" when a known word is within two edits, else the list of known words.</summary>
    public static string Suggest(string given, IReadOnlyCollection<string> known)
    {
        var best = known.MinBy(a => Distance(a, given));
        return best is not null && Distance(best, given) <= 2 ? $"; did you mean '{best}'?" : $"; allowed: {string.Join(", ", known.Order(StringComparer.Ordinal))}";
    }

    public string? String(YamlNode? node, string path)
    {
        if (node is null) return null;
        if (node is YamlScalarNode s) return s.Value;
        Error(path, node, $"expected a single value, not {Kind(node)}");
        return null;
    }

    public int? Int(YamlNode? node, string path, int min = int.MinValue)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) { Error(path, node, "expected a whole number"); return null; }
        if (v < min) { Error(path, node, $"must be at least {min}"); return null; }
        return v;
    }

    public double? Double(YamlNode? node, string path, double min)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) { Error(path, node, "expected a number"); return null; }
        if (v < min) { Error(path, node, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}"); return null; }
        return v;
    }

    public bool? Bool(YamlNode? node, string path)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (bool.TryParse(text, out var b)) return b;
        Error(path, node, "expected true or false");
        return null;
    }

    /// <param name="positive">Zero is an error too (timeouts, intervals), not only negative values.</param>
    public TimeSpan? Duration(YamlNode? node, string path, bool positive = false)
    {
        var text = String(node, path);
        if (text is null) return null;
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('-') && DurationText.TryParse(trimmed[1..], out var magnitude) && magnitude > TimeSpan.Zero;
        if (!negative && !DurationText.TryParse(text, out _)) { Error(path, node, $"'{text}' is not a duration; write e.g. 90s, 10m, 1h30m, 2d or 00:05:00"); return null; }
        DurationText.TryParse(text, out var d);
        if (negative || d < TimeSpan.Zero) { Error(path, node, $"{Leaf(path)} must be {(positive ? "positive" : "zero or more")}; '{text}' is negative"); return null; }
        if (positive && d == TimeSpan.Zero) { Error(path, node, $"{Leaf(path)} must be positive; '{text}' is zero"); return null; }
        return d;
    }

    public DateTimeOffset? Instant(YamlNode? node, string path)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
        Error(path, node, "expected an ISO 8601 instant such as 2026-12-01T09:00:00Z");
        return null;
    }

    public IReadOnlyList<string> Strings(YamlNode? node, string path)
    {
        switch (node)
        {
            case null: return [];
            case YamlScalarNode s: return string.IsNullOrEmpty(s.Value) ? [] : [s.Value];
            case YamlSequenceNode seq: return seq.Children.Select((c, i) => String(c, $"{path}[{i}]")).OfType<string>().ToList();
            default: Error(path, node, $"expected a value or a list, not {Kind(node)}"); return [];
        }
    }

    public JsonObject? Object(YamlNode? node, string path)
    {
        if (node is null || node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" }) return null;
        if (node is YamlMappingNode) return ToJson(node) as JsonObject;
        Error(path, node, $"expected a mapping (key: value pairs), not {Kind(node)}");
        return null;
    }

    /// <summary>How a node looks in an error: its text, or a short flow form for lists and mappings.</summary>
    public static string? Render(YamlNode? node)
    {
        var text = node switch
        {
            null => null,
            YamlScalarNode s => s.Value,
            YamlSequenceNode q => "[" + string.Join(", ", q.Children.Select(Render)) + "]",
            YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(kv => $"{Render(kv.Key)}: {Render(kv.Value)}")) + "}",
            _ => node.ToString(),
        };
        return text is { Length: > 80 } ? text[..77] + "..." : text;
    }

    public static string Kind(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "a single value",
    };

    /// <summary>The last key of a path (<c>tasks[0].retry.backoff</c> → <c>backoff</c>) for messages.</summary>
    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];

    /// <summary>Plain (unquoted) scalars become typed JSON: true/false, numbers, null; quoted ones stay strings.</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } p when p.Value is null or "~" or "null" => null,
        YamlScalarNode { Style: ScalarStyle.Plain } p when bool.TryParse(p.Value, out var b) => JsonValue.Create(b),
        YamlScalarNode { Style: ScalarStyle.Plain } p when long.TryParse(p.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YamlScalarNode { Style: ScalarStyle.Plain } p when double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
