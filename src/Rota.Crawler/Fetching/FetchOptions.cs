using System.Reflection;

namespace Rota.Crawler.Fetching;

/// <summary>Limits and identity of <see cref="FeedFetcher"/>. Every property documents its default.</summary>
public sealed record FetchOptions
{
    /// <summary>Sent on every request. Default <c>Rota/&lt;version&gt; (+https://github.com/rota; feed crawler)</c>:
    /// an identifying agent, because Reddit and many CDNs refuse anonymous or library-default ones.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Accept header. Default prefers feed types, then XML/JSON, then HTML (for discovery pages).</summary>
    public string Accept { get; init; } =
        "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, " +
        "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5";

    /// <summary>Largest body accepted, counted after decompression (a decompression bomb stops here). Default 15 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 15 * 1024 * 1024;

    /// <summary>Time allowed to open one connection (DNS + TCP + TLS). Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for the whole fetch, all redirects and the body included (throttle waits excluded).
    /// Default 30 s.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirects followed before failing with <c>fetch.too_many_redirects</c>. Default 5.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Requests in flight to one host at a time (<see cref="HostThrottle"/>). Default 2.</summary>
    public int MaxConcurrentPerHost { get; init; } = 2;

    /// <summary>Minimum time between two request starts to one host. Default 1 s.</summary>
    public TimeSpan MinIntervalPerHost { get; init; } = TimeSpan.FromSeconds(1);

    public static FetchOptions Default { get; } = new();

    /// <summary>Every invalid setting, each naming its key and value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(UserAgent)) errors.Add("fetch: UserAgent must not be empty");
        if (MaxBodyBytes <= 0) errors.Add($"fetch: MaxBodyBytes must be positive, got {MaxBodyBytes}");
        if (ConnectTimeout <= TimeSpan.Zero) errors.Add($"fetch: ConnectTimeout must be positive, got {ConnectTimeout}");
        if (TotalTimeout <= TimeSpan.Zero) errors.Add($"fetch: TotalTimeout must be positive, got {TotalTimeout}");
        if (MaxRedirects < 0) errors.Add($"fetch: MaxRedirects must be 0 or more, got {MaxRedirects}");
        if (MaxConcurrentPerHost < 1) errors.Add($"fetch: MaxConcurrentPerHost must be at least 1, got {MaxConcurrentPerHost}");
        if (MinIntervalPerHost < TimeSpan.Zero) errors.Add($"fetch: MinIntervalPerHost must not be negative, got {MinIntervalPerHost}");
        return errors;
    }

    private static string DefaultUserAgent
    {
        get
        {
            var info = typeof(FetchOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            // Drop the "+commit" build metadata: the agent names a release, not a build.
            var version = info?.Split('+')[0] is { Length: > 0 } v ? v : "0.0.0";
            return $"Rota/{version} (+https://github.com/rota; feed crawler)";
        }
    }
}
