using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rota.Crawler.Tests.Corpus;

/// <summary>Evaluates one corpus check (path, op, value) against a <see cref="FeedparserView"/>, with feedparser's
/// key aliases (description = summary/subtitle, guid = id, copyright = rights, …) and Python truthiness.</summary>
internal static class CheckEvaluator
{
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["guid"] = "id", ["tagline"] = "subtitle", ["modified"] = "updated", ["date"] = "updated", ["issued"] = "published",
        ["copyright"] = "rights", ["url"] = "href", ["channel"] = "feed", ["items"] = "entries",
    };

    public static bool Holds(JsonObject root, JsonElement check)
    {
        var op = check.GetProperty("op").GetString()!;
        var missingOk = check.TryGetProperty("missing_ok", out var m) && m.ValueKind == JsonValueKind.True;
        var found = TryWalk(root, check.GetProperty("path"), out var actual);
        if (!found)
        {
            if (op == "lacks_key") return LacksKey(actual, check);
            if (!missingOk) return false; // Python raises KeyError: the test fails
            actual = check.TryGetProperty("default", out var d) ? JsonNode.Parse(d.GetRawText()) : null;
        }
        var expected = check.TryGetProperty("value", out var v) ? JsonNode.Parse(v.GetRawText()) : null;
        return op switch
        {
            "eq" => Equal(actual, expected),
            "ne" => !Equal(actual, expected),
            "is" => Equal(actual, expected),
            "is_not" => !Equal(actual, expected),
            "truthy" => Truthy(actual),
            "falsy" => !Truthy(actual),
            "has_key" => actual is JsonObject o && Has(o, expected!.GetValue<string>()),
            "lacks_key" => LacksKey(actual, check),
            "len_eq" => Length(actual) == expected!.GetValue<int>(),
            "len_ne" => Length(actual) != expected!.GetValue<int>(),
            "len_gt" => Length(actual) > expected!.GetValue<int>(),
            "len_ge" => Length(actual) >= expected!.GetValue<int>(),
            "len_lt" => Length(actual) < expected!.GetValue<int>(),
            "len_le" => Length(actual) <= expected!.GetValue<int>(),
            _ => false,
        };
    }

    private static bool LacksKey(JsonNode? actual, JsonElement check) =>
        actual is JsonObject o && !Has(o, check.GetProperty("value").GetString()!);

    private static bool Has(JsonObject o, string key) => o.ContainsKey(key) || o.ContainsKey(Alias(key, o));

    /// <summary>Walks the path; on a missing key, <paramref name="node"/> is the last object reached.</summary>
    private static bool TryWalk(JsonObject root, JsonElement path, out JsonNode? node)
    {
        node = root;
        foreach (var seg in path.EnumerateArray())
        {
            if (seg.ValueKind == JsonValueKind.Number)
            {
                if (node is not JsonArray a) return false;
                var i = seg.GetInt32();
                if (i < 0) i += a.Count;
                if (i < 0 || i >= a.Count) return false;
                node = a[i];
                continue;
            }
            var key = seg.GetString()!;
            if (node is not JsonObject o) return false;
            if (key == "category" && !o.ContainsKey("category"))
            {
                if (o["tags"] is JsonArray { Count: > 0 } tags) { node = tags[0]!["term"]; continue; }
                return false;
            }
            if (o.TryGetPropertyValue(key, out var child) || o.TryGetPropertyValue(Alias(key, o), out child)) node = child;
            else return false;
        }
        return true;
    }

    private static string Alias(string key, JsonObject o)
    {
        var suffix = key.EndsWith("_detail", StringComparison.Ordinal) ? "_detail" : key.EndsWith("_parsed", StringComparison.Ordinal) ? "_parsed" : "";
        var stem = key[..^suffix.Length];
        if (stem == "description") return (o.ContainsKey("summary") ? "summary" : "subtitle") + suffix;
        return (Aliases.TryGetValue(stem, out var a) ? a : stem) + suffix;
    }

    private static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is JsonValue && b is JsonValue && Number(a) is { } x && Number(b) is { } y) return x == y;
        return JsonNode.DeepEquals(a, b);
    }

    private static double? Number(JsonNode n) => n.GetValueKind() switch
    {
        JsonValueKind.Number => double.Parse(n.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => null,
    };

    private static bool Truthy(JsonNode? n) => n switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => n.GetValueKind() switch
        {
            JsonValueKind.String => n.GetValue<string>().Length > 0,
            JsonValueKind.Number => n.ToJsonString() is not ("0" or "0.0"),
            JsonValueKind.True => true,
            _ => false,
        },
    };

    private static int Length(JsonNode? n) => n switch
    {
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length,
        _ => -1,
    };
}
