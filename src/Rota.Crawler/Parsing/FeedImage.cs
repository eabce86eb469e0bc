namespace Rota.Crawler.Parsing;

/// <summary>The channel image (RSS image, Atom logo, itunes:image, JSON icon).</summary>
public sealed record FeedImage(string Url, string? Title = null, string? Link = null, int? Width = null, int? Height = null, string? Description = null);
