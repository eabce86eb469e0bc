using System.Net.Http.Headers;
using System.Text.Json;

namespace Rota.Client;

/// <summary>Turns an error response into a <see cref="RotaApiException"/>: problem+json by its members, anything else
/// (a proxy's HTML page, an empty body) by its status.</summary>
internal static class ProblemReader
{
    public static async Task<RotaApiException> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        var retryAfter = RetryAfter(response.Headers.RetryAfter);
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && Str(root, "code") is { } code)
                return new RotaApiException(status, code, Str(root, "detail") ?? Str(root, "title") ?? $"server: HTTP {status}", Str(root, "field"), Str(root, "value"))
                {
                    Errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                        ? e.Deserialize<List<ProblemFieldError>>(ClientJson.Options) ?? [] : [],
                    RetryAfter = retryAfter,
                    Problem = System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonObject,
                };
        }
        catch (JsonException)
        {
            // Not JSON: described by status below.
        }
        var snippet = text.Length > 200 ? text[..200] + "…" : text;
        return new RotaApiException(status, $"http.status_{status}", $"server: HTTP {status} {response.ReasonPhrase}{(snippet.Trim().Length == 0 ? "" : ": " + snippet.Trim())}")
        {
            RetryAfter = retryAfter,
        };
    }

    private static string? Str(JsonElement o, string name) => o.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => v.GetRawText(),
    } : null;

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? h) => h?.Delta;
}
