using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Rota.Server.Tests;

/// <summary>Raw HTTP helpers: JSON bodies, problem+json assertions.</summary>
public static class Http
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> SendAsync(this HttpClient c, HttpMethod method, string path, string? json = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, contentType ?? "application/json");
        if (json is not null && contentType is not null) request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return c.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient c, string path, string json = "{}") => c.SendAsync(HttpMethod.Post, path, json);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage r, HttpStatusCode expected)
    {
        var text = await r.Content.ReadAsStringAsync(Ct);
        Assert.True(r.StatusCode == expected, $"expected {(int)expected}, got {(int)r.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient c, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await c.GetAsync(path, Ct)).JsonAsync(expected);

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> (and <paramref name="code"/> / <paramref name="field"/> when given).</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage r, int status, string? code = null, string? field = null)
    {
        var text = await r.Content.ReadAsStringAsync(Ct);
        Assert.True((int)r.StatusCode == status, $"expected {status}, got {(int)r.StatusCode}: {text}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, doc.GetProperty("status").GetInt32());
        if (code is not null) Assert.True(doc.GetProperty("code").GetString() == code, $"expected code {code}: {text}");
        if (field is not null) Assert.True(doc.GetProperty("field").GetString() == field, $"expected field {field}: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return doc;
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();
}
