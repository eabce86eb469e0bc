namespace Rota.Crawler.Parsing;

/// <summary>One item of a feed (RSS item, Atom entry, JSON Feed item), normalized.</summary>
public sealed class FeedEntry
{
    /// <summary>RSS guid, Atom id or JSON Feed id, as written.</summary>
    public string? Id { get; set; }

    /// <summary>True when the RSS guid is a permalink (the default) and so doubles as the link.</summary>
    public bool GuidIsLink { get; set; }

    public FeedText? Title { get; set; }
    public string? Link { get; set; }
    public List<FeedLink> Links { get; } = [];

    /// <summary>RSS description, Atom summary, JSON Feed summary.</summary>
    public FeedText? Summary { get; set; }

    /// <summary>Full bodies: content:encoded, Atom content, xhtml:body, JSON Feed content_html/content_text.</summary>
    public List<FeedText> Content { get; } = [];

    public FeedText? Rights { get; set; }
    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset? Updated { get; set; }
    public DateTimeOffset? Created { get; set; }
    public DateTimeOffset? Expired { get; set; }
    public List<FeedPerson> Authors { get; } = [];
    public List<FeedPerson> Contributors { get; } = [];
    public FeedPerson? Publisher { get; set; }
    public List<FeedCategory> Categories { get; } = [];
    public List<FeedEnclosure> Enclosures { get; } = [];
    public List<MediaThumbnail> Thumbnails { get; } = [];
    public string? Comments { get; set; }
    public string? Language { get; set; }

    /// <summary>The feed an aggregated Atom entry came from (<c>atom:source</c>).</summary>
    public FeedMetadata? Source { get; set; }

    public bool? ITunesBlock { get; set; }
    public bool? ITunesExplicit { get; set; }
    public string? ITunesDuration { get; set; }
}
