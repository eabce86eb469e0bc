using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Rota.Client;

/// <summary>A typed client of a Rota server's <c>/api/v1</c>: a base URL (e.g. <c>http://localhost:5080</c>) and a bearer
/// token. Every failure is a <see cref="RotaApiException"/>: the server's problem+json, or <c>client.unreachable</c>
/// naming the URL when nothing answered.</summary>
public sealed partial class RotaApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <param name="baseUrl">The server root; a trailing <c>/api/v1</c> is accepted too.</param>
    /// <param name="token">The API token (<c>rota_…</c>); null for anonymous calls.</param>
    /// <param name="http">An HttpClient to use (its BaseAddress is replaced); one is created and owned otherwise.</param>
    public RotaApiClient(string baseUrl, string? token, HttpClient? http = null)
    {
        BaseUrl = Normalize(baseUrl);
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        _http.BaseAddress = new Uri(BaseUrl + "/api/v1/");
        if (token is { Length: > 0 }) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The server root without a trailing slash, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public string BaseUrl { get; }

    internal static string Normalize(string baseUrl)
    {
        var url = baseUrl.Trim().TrimEnd('/');
        if (url.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase)) url = url[..^"/api/v1".Length];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new RotaApiException(0, "client.bad_url", $"client: '{baseUrl}' is not an http:// or https:// URL", "server", baseUrl);
        return url;
    }

    internal async Task<T> GetAsync<T>(string path, CancellationToken ct) =>
        await ReadAsync<T>(await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct), ct);

    internal async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct) =>
        await ReadAsync<T>(await SendAsync(WithBody(new HttpRequestMessage(method, path), body), ct), ct);

    internal async Task SendNoContentAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendAsync(WithBody(new HttpRequestMessage(method, path), body), ct);
    }

    internal async Task<string> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>Sends and returns a successful response; throws the server's problem otherwise.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            using (request) response = await _http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new RotaApiException(0, RotaApiException.UnreachableCode, $"client: {BaseUrl} did not answer within {_http.Timeout.TotalSeconds:0} s", "server", BaseUrl, ex);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ProblemReader.ReadAsync(response, ct);
    }

    private RotaApiException Unreachable(HttpRequestException ex) =>
        new(0, RotaApiException.UnreachableCode, $"client: cannot reach the Rota server at {BaseUrl} ({ex.Message}); is 'rota serve' running there?", "server", BaseUrl, ex);

    private static HttpRequestMessage WithBody(HttpRequestMessage request, object? body)
    {
        request.Content = body switch
        {
            null => null,
            string json => new StringContent(json, Encoding.UTF8, "application/json"),
            _ => JsonContent.Create(body, body.GetType(), options: ClientJson.Options),
        };
        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            try
            {
                return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, ct)
                    ?? throw new RotaApiException((int)response.StatusCode, "client.bad_response", "client: the server answered with an empty body");
            }
            catch (JsonException ex)
            {
                throw new RotaApiException((int)response.StatusCode, "client.bad_response", $"client: the server's answer is not the expected JSON ({ex.Message})", inner: ex);
            }
        }
    }

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);

    internal static string Query(string path, params (string Name, string? Value)[] items)
    {
        var parts = items.Where(i => i.Value is not null).Select(i => $"{i.Name}={Uri.EscapeDataString(i.Value!)}").ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
