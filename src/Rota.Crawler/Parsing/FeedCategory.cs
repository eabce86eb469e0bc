namespace Rota.Crawler.Parsing;

/// <summary>A category or tag: RSS category (domain = scheme), Atom category, dc:subject, JSON tag.</summary>
public sealed record FeedCategory(string Term, string? Scheme = null, string? Label = null);
