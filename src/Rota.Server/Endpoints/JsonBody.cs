using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Rota.Server.Problems;

namespace Rota.Server.Endpoints;

/// <summary>A request body read as a JSON object, with typed getters that fail as problem+json naming the field:
/// 400 for a body that is not JSON or a value of the wrong type, 422 for a value out of range.</summary>
public sealed class JsonBody(JsonObject root, string text)
{
    public JsonObject Root { get; } = root;
    /// <summary>The raw text (for readers that validate it themselves).</summary>
    public string Text { get; } = text;

    public static async Task<JsonBody> ReadAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (text.Trim().Length == 0) return new JsonBody([], "{}");
        if (http.Request.ContentType is { } ct && !ct.Contains("json", StringComparison.OrdinalIgnoreCase))
            throw new ApiProblem(415, "request.unsupported_media_type", $"request: send the body as application/json, not {ct}", "content-type", ct);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw ApiProblem.Malformed("body", null, ex.LineNumber is { } line
                ? $"not valid JSON (line {line + 1}, position {ex.BytePositionInLine + 1})"
                : ex.Message.Contains("uplicate", StringComparison.Ordinal) ? "not valid JSON (a member appears twice)" : "not valid JSON");
        }
        return node is JsonObject o ? new JsonBody(o, text) : throw ApiProblem.Malformed("body", null, "expected a JSON object");
    }

    /// <summary>Refuses members this endpoint does not know (a typo must not be silently ignored).</summary>
    public JsonBody Allow(params string[] names)
    {
        foreach (var (key, value) in Root)
            if (!names.Contains(key, StringComparer.Ordinal))
                throw new ApiProblem(400, "request.unknown_field", $"{key}: unknown field; expected one of {string.Join(", ", names)}", key, value?.ToJsonString());
        return this;
    }

    public string? String(string name, bool required = false, int maxLength = 1000)
    {
        var node = Get(name, required);
        if (node is null) return null;
        if (node is not JsonValue v || !v.TryGetValue<string>(out var s)) throw WrongType(name, node, "a string");
        if (s.Length > maxLength) throw ApiProblem.Invalid(name, s[..Math.Min(s.Length, 40)] + "…", $"at most {maxLength} characters");
        if (required && s.Trim().Length == 0) throw ApiProblem.Invalid(name, s, "must not be empty");
        return s;
    }

    public int? Int(string name, int min, int max, bool required = false)
    {
        var node = Get(name, required);
        if (node is null) return null;
        if (node is not JsonValue v || !v.TryGetValue<JsonElement>(out var e) || e.ValueKind != JsonValueKind.Number) throw WrongType(name, node, "an integer");
        if (!e.TryGetInt64(out var n)) throw WrongType(name, node, "an integer");
        if (n < min || n > max) throw ApiProblem.Invalid(name, n.ToString(CultureInfo.InvariantCulture), $"must be between {min} and {max}");
        return (int)n;
    }

    public bool? Bool(string name, bool required = false)
    {
        var node = Get(name, required);
        if (node is null) return null;
        return node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw WrongType(name, node, "true or false");
    }

    public JsonObject? Object(string name)
    {
        var node = Get(name, false);
        return node switch { null => null, JsonObject o => (JsonObject)o.DeepClone(), _ => throw WrongType(name, node, "a JSON object") };
    }

    public DateTimeOffset? Instant(string name)
    {
        var s = String(name, maxLength: 64);
        if (s is null) return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t : throw ApiProblem.Invalid(name, s, "expected an ISO 8601 instant such as 2026-01-31T02:00:00Z");
    }

    private JsonNode? Get(string name, bool required)
    {
        Root.TryGetPropertyValue(name, out var node);
        if (node is null && required) throw ApiProblem.Malformed(name, null, "required");
        return node;
    }

    private static ApiProblem WrongType(string name, JsonNode node, string expected) =>
        ApiProblem.Malformed(name, node.ToJsonString(), $"expected {expected}, got {node.GetValueKind().ToString().ToLowerInvariant()}");
}
