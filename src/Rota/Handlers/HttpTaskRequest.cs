using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Rota.Handlers;

/// <summary>The validated parameters of one <c>http</c> attempt; <see cref="Parse"/> fails with
/// <c>http.bad_parameters</c> naming the parameter.</summary>
internal sealed record HttpTaskRequest(
    Uri Url,
    HttpMethod Method,
    IReadOnlyDictionary<string, string> Headers,
    byte[]? Body,
    string? ContentType,
    HttpStatusMatcher Expect,
    TimeSpan Timeout,
    int MaxResponseBytes,
    bool FollowRedirects)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultMaxResponseBytes = 64 * 1024;
    private const int MaxResponseBytesLimit = 16 * 1024 * 1024;

    public static HttpTaskRequest Parse(JsonObject parameters)
    {
        var p = new HandlerParameters(parameters, "http");
        var urlText = p.RequiredString("url");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
            throw p.Bad("url", "must be an absolute http:// or https:// URL", urlText);
        HttpMethod method;
        try { method = new HttpMethod((p.String("method") ?? "GET").ToUpperInvariant()); }
        catch (FormatException) { throw p.Bad("method", "must be an HTTP method such as GET or POST", p.String("method")); }
        var body = p.String("body");
        var json = p.Raw("json");
        if (body is not null && json is not null) throw p.Bad("json", "cannot be combined with 'body'");
        var headers = p.Map("headers").ToDictionary(StringComparer.OrdinalIgnoreCase);
        // A Content-Type given as a header describes the body, like content_type.
        var contentType = p.String("content_type") ?? (headers.Remove("Content-Type", out var ct) ? ct : null);
        CheckHeaders(headers, p);
        if (contentType is not null && !MediaTypeHeaderValue.TryParse(contentType, out _)) throw p.Bad("content_type", "must be a media type such as text/plain", contentType);
        var bytes = json is not null ? Encoding.UTF8.GetBytes(HandlerParameters.Serialize(json)) : body is not null ? Encoding.UTF8.GetBytes(body) : null;
        if (json is not null) contentType ??= "application/json; charset=utf-8";
        else if (body is not null) contentType ??= "text/plain; charset=utf-8";
        return new HttpTaskRequest(
            url,
            method,
            headers,
            bytes,
            bytes is null ? null : contentType,
            HttpStatusMatcher.Parse(p.Raw("expect_status"), p, "expect_status"),
            p.Duration("timeout") ?? DefaultTimeout,
            (int)Math.Min(p.Long("max_response_bytes", DefaultMaxResponseBytes, 0), MaxResponseBytesLimit),
            p.Bool("follow_redirects", true));
    }

    private static void CheckHeaders(Dictionary<string, string> headers, HandlerParameters p)
    {
        using var probe = new HttpRequestMessage { Content = new ByteArrayContent([]) };
        foreach (var (name, value) in headers)
            if (!probe.Headers.TryAddWithoutValidation(name, value) && !probe.Content.Headers.TryAddWithoutValidation(name, value))
                throw p.Bad($"headers.{name}", "is not a valid request header", value);
    }
}
