namespace Rota.Crawler.Parsing;

/// <summary>The software that wrote the feed.</summary>
public sealed record FeedGenerator(string? Name, string? Uri = null, string? Version = null);
