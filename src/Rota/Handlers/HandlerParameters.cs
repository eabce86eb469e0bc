using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Configuration;

namespace Rota.Handlers;

/// <summary>Typed reads of a handler's JSON parameters; a bad value fails with <c>{area}.bad_parameters</c> naming it.</summary>
internal sealed class HandlerParameters(JsonObject parameters, string area)
{
    public RotaException Bad(string name, string problem, object? value = null) =>
        new($"{area}.bad_parameters", $"{area}: parameter '{name}' {problem}{(value is null ? "" : $" (value: {value})")}", isTransient: false);

    public string? String(string name) => parameters[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => throw Bad(name, "must be a string", other.ToJsonString()),
    };

    public string RequiredString(string name) => String(name) is { Length: > 0 } s ? s : throw Bad(name, "is required");

    public IReadOnlyList<string> Strings(string name) => parameters[name] switch
    {
        null => [],
        JsonArray a => a.Select((x, i) => x is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : x is JsonValue n ? n.ToJsonString() : throw Bad($"{name}[{i}]", "must be a string")).ToList(),
        var other => throw Bad(name, "must be a list of strings", other.ToJsonString()),
    };

    public IReadOnlyDictionary<string, string> Map(string name) => parameters[name] switch
    {
        null => new Dictionary<string, string>(),
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value?.ToJsonString() ?? ""),
        var other => throw Bad(name, "must be an object of names to values", other.ToJsonString()),
    };

    public bool Bool(string name, bool fallback) => parameters[name] switch
    {
        null => fallback,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        var other => throw Bad(name, "must be true or false", other.ToJsonString()),
    };

    public long Long(string name, long fallback, long min) => parameters[name] switch
    {
        null => fallback,
        JsonValue v when long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min => n,
        var other => throw Bad(name, $"must be a whole number of at least {min}", other.ToJsonString()),
    };

    /// <summary>A duration: a number of seconds or text like "30s", "2m", "1h30m".</summary>
    public TimeSpan? Duration(string name)
    {
        var node = parameters[name];
        if (node is null) return null;
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        if (!DurationText.TryParse(text, out var d) || d <= TimeSpan.Zero) throw Bad(name, "must be a positive duration such as 30s or 2m", text);
        return d;
    }

    public JsonNode? Raw(string name) => parameters[name];

    public static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);

    public static JsonNode? Clone(JsonNode? n) => n?.DeepClone();

    public static string Serialize(JsonNode n) => n.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
