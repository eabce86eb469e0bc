namespace Rota.Crawler.Parsing;

/// <summary>Channel-level data of a feed. Every property is optional: feeds in the wild omit almost anything.</summary>
public sealed class FeedMetadata
{
    public FeedText? Title { get; set; }

    /// <summary>The feed's home page (the alternate link), absolute when it could be resolved.</summary>
    public string? Link { get; set; }

    public List<FeedLink> Links { get; } = [];

    /// <summary>RSS description, Atom subtitle/tagline, JSON Feed description.</summary>
    public FeedText? Description { get; set; }

    public FeedText? Rights { get; set; }

    /// <summary>Atom 0.3 <c>info</c>: a note about the feed itself.</summary>
    public FeedText? Info { get; set; }

    public string? Language { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Updated { get; set; }
    public DateTimeOffset? Published { get; set; }
    public List<FeedPerson> Authors { get; } = [];
    public List<FeedPerson> Contributors { get; } = [];
    public FeedPerson? Publisher { get; set; }
    public List<FeedCategory> Categories { get; } = [];
    public FeedImage? Image { get; set; }
    public string? Icon { get; set; }
    public string? Logo { get; set; }
    public FeedGenerator? Generator { get; set; }
    public string? Docs { get; set; }
    public int? Ttl { get; set; }

    /// <summary>iTunes <c>block</c> and <c>explicit</c> flags, when present.</summary>
    public bool? ITunesBlock { get; set; }
    public bool? ITunesExplicit { get; set; }
}
