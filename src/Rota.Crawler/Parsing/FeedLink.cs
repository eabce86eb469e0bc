namespace Rota.Crawler.Parsing;

/// <summary>An Atom-style link; RSS links become <c>rel=alternate</c> and enclosures <c>rel=enclosure</c>.</summary>
public sealed record FeedLink(string Href, string Rel = "alternate", string? Type = null, string? Title = null, long? Length = null, string? HrefLang = null);
