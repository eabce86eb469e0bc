namespace Rota.Crawler.Discovery;

/// <summary>A feed found for a page.</summary>
/// <param name="Url">Absolute feed URL.</param>
/// <param name="Title">The link's title attribute (or the feed's own title when the page is the feed); null when absent.</param>
/// <param name="MediaType">Lower-case media type, e.g. <c>application/atom+xml</c>; null for guesses.</param>
/// <param name="IsGuess">True for a common path (/feed, /rss …) that nothing on the page pointed to: probe it before use.</param>
public sealed record FeedCandidate(Uri Url, string? Title, string? MediaType, bool IsGuess = false);
