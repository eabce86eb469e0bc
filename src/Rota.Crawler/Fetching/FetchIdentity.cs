namespace Rota.Crawler.Fetching;

/// <summary>How one source's requests present themselves (crawl rules <c>user_agent</c> and <c>headers</c>). The
/// headers go only to <see cref="Host"/>: a redirect or page on another host does not get the source's cookies.</summary>
/// <param name="UserAgent">Replaces <see cref="FetchOptions.UserAgent"/>; null keeps it.</param>
/// <param name="Host">The host the extra headers are meant for (the feed's host).</param>
public sealed record FetchIdentity(string? UserAgent, IReadOnlyDictionary<string, string> Headers, string Host)
{
    public bool SendsHeadersTo(Uri url) => Headers.Count > 0 && string.Equals(url.IdnHost, Host, StringComparison.OrdinalIgnoreCase);
}
