namespace Rota.Crawler.Parsing;

/// <summary>A media file attached to an entry (RSS enclosure, Atom rel=enclosure, media:content, JSON attachment).</summary>
public sealed record FeedEnclosure(string Url, string? Type, long? Length);
