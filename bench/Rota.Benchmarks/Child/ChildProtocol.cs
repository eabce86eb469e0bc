using System.Text.Json;

namespace Rota.Benchmarks.Child;

/// <summary>A child reports its figures as one stdout line: a marker followed by the result as JSON.</summary>
internal static class ChildProtocol
{
    public const string ResultMarker = "@@bench-result ";

    public static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Encode(object result) => ResultMarker + JsonSerializer.Serialize(result, result.GetType(), Json);

    public static T Decode<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)
        ?? throw new InvalidOperationException("bench: a child reported an empty result");
}
