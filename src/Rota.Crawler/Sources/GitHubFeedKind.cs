namespace Rota.Crawler.Sources;

/// <summary>Which public Atom feed of a GitHub repository to follow.</summary>
public enum GitHubFeedKind
{
    /// <summary><c>/releases.atom</c>.</summary>
    Releases,
    /// <summary><c>/tags.atom</c>: for projects that tag without publishing releases.</summary>
    Tags,
    /// <summary><c>/commits.atom</c> (default branch).</summary>
    Commits,
}
