namespace Rota.Crawler.Fetching;

/// <summary>One redirect hop: the status that <paramref name="From"/> answered and where it pointed (absolute).</summary>
public sealed record FetchRedirect(int StatusCode, Uri From, Uri Location)
{
    /// <summary>301 and 308 move the resource for good; 302, 303 and 307 do not.</summary>
    public bool IsPermanent => StatusCode is 301 or 308;
}
