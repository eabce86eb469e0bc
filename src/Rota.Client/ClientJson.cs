using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rota.Client;

/// <summary>The API's JSON conventions as the client reads and writes them: snake_case members, enums as snake_case text.</summary>
public static class ClientJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Requests leave out what the caller did not set, so the server applies its own defaults.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
