namespace Rota.Crawler.Parsing;

/// <summary>A <c>media:thumbnail</c> (or JSON Feed <c>image</c>) of an entry.</summary>
public sealed record MediaThumbnail(string Url, int? Width = null, int? Height = null);
