namespace Rota.Examples.SavedLinks;

/// <summary>The example's link "processor": downloads the link; success is a 2xx answer. One shared HttpClient.</summary>
public sealed class LinkFetcher : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Null on success, else why it failed.</summary>
    public async Task<(int Status, string? Error)> ProcessAsync(string url, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return (status, response.IsSuccessStatusCode ? null : $"answered {status}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (0, ex.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}
