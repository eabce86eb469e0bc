using System.Text.RegularExpressions;

namespace Rota.Crawler.Sources;

/// <summary>GitHub inputs → <c>https://github.com/OWNER/REPO/{releases,tags,commits}.atom</c>,
/// <c>commits/BRANCH.atom</c>, or a user's public activity <c>https://github.com/USER.atom</c>. GitHub does not
/// advertise these feeds in its HTML, so discovery would not find them.</summary>
internal static partial class GitHubSource
{
    public static bool IsHost(string bareHost) => bareHost is "github.com";

    /// <summary>True for a bare <c>owner/repo</c> (the owner has no dot, so <c>example.com/feed</c> is not one).</summary>
    public static bool LooksLikeRepo(string input) => RepoPath().IsMatch(input);

    /// <summary>A bare <c>owner/repo</c> or <c>owner</c>, nothing more.</summary>
    public static SourceResolution FromHandle(string input, GitHubFeedKind preferred) =>
        RepoPath().IsMatch(input) || Owner().IsMatch(input) ? FromPath(input, input, preferred) : Invalid(input, "is not owner/repo");

    public static SourceResolution FromPath(string input, string path, GitHubFeedKind preferred)
    {
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length == 0 || !Owner().IsMatch(s[0].EndsWith(".atom", StringComparison.Ordinal) ? s[0][..^5] : s[0]))
            return Invalid(input, "has no valid owner");
        var owner = s[0];
        if (s.Length == 1)
            return SourceResolution.Feed(SourceKind.GitHub, owner.EndsWith(".atom", StringComparison.Ordinal) ? $"https://github.com/{owner}" : $"https://github.com/{owner}.atom");
        var repo = s[1].EndsWith(".git", StringComparison.Ordinal) ? s[1][..^4] : s[1];
        if (!Repo().IsMatch(repo) || repo is "." or "..") return Invalid(input, $"names an invalid repository '{repo}'");
        var root = $"https://github.com/{owner}/{repo}";
        if (s.Length >= 3 && s[^1].EndsWith(".atom", StringComparison.Ordinal))
            return SourceResolution.Feed(SourceKind.GitHub, $"{root}/{string.Join('/', s[2..])}");
        var feed = s.Length >= 3 ? s[2] : null;
        return feed switch
        {
            "releases" => SourceResolution.Feed(SourceKind.GitHub, $"{root}/releases.atom"),
            "tags" => SourceResolution.Feed(SourceKind.GitHub, $"{root}/tags.atom"),
            "commits" when s.Length >= 4 => SourceResolution.Feed(SourceKind.GitHub, $"{root}/commits/{string.Join('/', s[3..])}.atom"),
            "commits" => SourceResolution.Feed(SourceKind.GitHub, $"{root}/commits.atom"),
            _ => SourceResolution.Feed(SourceKind.GitHub, preferred switch
            {
                GitHubFeedKind.Tags => $"{root}/tags.atom",
                GitHubFeedKind.Commits => $"{root}/commits.atom",
                _ => $"{root}/releases.atom",
            }),
        };
    }

    private static SourceResolution Invalid(string input, string why) =>
        SourceResolution.Error(SourceKind.GitHub, SourceErrorCodes.GitHubInvalid, $"source: GitHub input '{input}' {why} (expected owner/repo or a github.com URL)");

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")]
    private static partial Regex Owner();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex Repo();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RepoPath();
}
