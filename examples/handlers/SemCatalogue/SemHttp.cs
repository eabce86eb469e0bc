using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Rota.Examples.SemCatalogue;

/// <summary>The HTTP the four steps need: JSON from the stand-ins of Airtable, the crawler GraphQL API and BigQuery,
/// and page fetches that do NOT follow redirects, so a 301/302 is seen and recorded rather than followed.</summary>
public sealed class SemHttp : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A JSON array from <paramref name="url"/>; a failure is transient (the next daily run tries again).</summary>
    public async Task<JsonArray> GetArrayAsync(string url, string what, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
                throw new RotaException("example.upstream_failed", $"{what} answered {(int)response.StatusCode}", isTransient: true);
            return await response.Content.ReadFromJsonAsync<JsonArray>(ct) ?? [];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new RotaException("example.upstream_unreachable", $"{what}: {ex.Message}", isTransient: true);
        }
    }

    /// <summary>One page: its status (0 when unreachable), the Location of a redirect and the HTML of a 200.</summary>
    public async Task<(int Status, string? Location, string? Html)> FetchPageAsync(string url, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(url, ct);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location is { } l ? new Uri(new Uri(url), l).ToString() : null;
            return (status, location, status == 200 ? await response.Content.ReadAsStringAsync(ct) : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (0, null, null);
        }
    }

    public void Dispose() => _http.Dispose();
}
