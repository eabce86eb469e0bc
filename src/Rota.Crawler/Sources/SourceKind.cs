namespace Rota.Crawler.Sources;

/// <summary>What a source is, which decides how its input maps to a feed URL (<see cref="SourceResolver"/>).</summary>
public enum SourceKind
{
    /// <summary>An RSS, RDF or Atom feed URL.</summary>
    Feed,
    /// <summary>A JSON Feed URL.</summary>
    JsonFeed,
    /// <summary>A web page whose feeds are found by discovery.</summary>
    WebPage,
    /// <summary>A YouTube channel, handle, user or playlist.</summary>
    YouTube,
    /// <summary>A subreddit, a Reddit user or a thread.</summary>
    Reddit,
    /// <summary>A GitHub repository (releases, tags or commits) or user activity.</summary>
    GitHub,
    /// <summary>A Mastodon (or compatible) account on its home instance.</summary>
    Mastodon,
    /// <summary>A Bluesky profile.</summary>
    Bluesky,
    /// <summary>A Twitter/X account, through a configured RSS bridge.</summary>
    Twitter,
}
