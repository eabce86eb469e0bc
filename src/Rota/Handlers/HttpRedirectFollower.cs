using Rota.Execution;

namespace Rota.Handlers;

/// <summary>
/// Sends an <c>http</c> task's request and follows up to <see cref="MaxRedirects"/> redirects itself, so the hop count,
/// scheme checks and header stripping are ours. Every hop opens its connection through the same guarded client.
/// </summary>
internal static class HttpRedirectFollower
{
    public const int MaxRedirects = 5;
    private const string DefaultUserAgent = "Rota (+http task)";
    private static readonly string[] CredentialHeaders = ["Authorization", "Cookie", "Proxy-Authorization"];

    /// <summary>The final response (headers read, body not yet), its URL and the number of redirects followed.</summary>
    public static async Task<(HttpResponseMessage Response, Uri Url, int Redirects)> SendAsync(
        HttpClient client, HttpTaskRequest request, TaskContext context, CancellationToken ct)
    {
        var url = request.Url;
        var method = request.Method;
        var body = request.Body;
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        for (var hop = 0; ; hop++)
        {
            using var message = Build(method, url, headers, body, request.ContentType);
            var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!request.FollowRedirects || status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
                return (response, url, hop);
            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (hop == MaxRedirects)
                throw new RotaException("http.too_many_redirects", $"http: {request.Method} {request.Url} redirected more than {MaxRedirects} times (last to {next})");
            if (next.Scheme is not ("http" or "https") || (url.Scheme == "https" && next.Scheme == "http"))
                throw new RotaException("http.bad_redirect", $"http: {url} redirected to {next}, which is not allowed (only http/https, never from https to http)");
            // Browsers and HttpClient turn POST into GET on 301/302, and everything but HEAD into GET on 303.
            if ((status == 303 && method != HttpMethod.Head) || (status is 301 or 302 && method == HttpMethod.Post))
            {
                method = HttpMethod.Get;
                body = null;
            }
            // Credentials are meant for the origin they were configured for, not wherever it redirects.
            if (!SameOrigin(url, next))
                foreach (var h in CredentialHeaders) headers.Remove(h);
            context.Log($"http: {status} redirect from {url} to {next}");
            url = next;
        }
    }

    private static HttpRequestMessage Build(HttpMethod method, Uri url, Dictionary<string, string> headers, byte[]? body, string? contentType)
    {
        var message = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var (name, value) in headers)
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        if (!headers.ContainsKey("User-Agent")) message.Headers.TryAddWithoutValidation("User-Agent", DefaultUserAgent);
        return message;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);
}
