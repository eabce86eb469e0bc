using System.Text.RegularExpressions;

namespace Rota.Crawler.Sources;

/// <summary>Reddit inputs → <c>https://www.reddit.com/r/NAME/.rss</c>, <c>/user/NAME/.rss</c>, a sort
/// (<c>/r/NAME/new/.rss</c>) or a thread's comments. Always www.reddit.com: old/new/mobile hosts serve the same feeds.</summary>
internal static partial class RedditSource
{
    private static readonly string[] Sorts = ["new", "hot", "top", "rising", "controversial"];

    public static bool IsHost(string bareHost) => bareHost is "reddit.com" or "redd.it";

    /// <summary>A path such as <c>r/x</c>, <c>/r/x/new</c>, <c>u/x</c> or <c>user/x</c> (also the path of a URL).</summary>
    public static SourceResolution FromPath(string input, string path)
    {
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length >= 2 && s[0] is "r")
        {
            if (!Subreddit().IsMatch(s[1])) return Invalid(input, $"'{s[1]}' is not a subreddit name");
            var rest = s.Length >= 3 && s[2] == ".rss" ? "" : s.Length >= 3 && Sorts.Contains(s[2]) ? $"{s[2]}/"
                : s.Length >= 4 && s[2] == "comments" && Id().IsMatch(s[3]) ? $"comments/{s[3]}/" : "";
            return SourceResolution.Feed(SourceKind.Reddit, $"https://www.reddit.com/r/{s[1]}/{rest}.rss");
        }
        if (s.Length >= 2 && s[0] is "u" or "user")
            return User().IsMatch(s[1])
                ? SourceResolution.Feed(SourceKind.Reddit, $"https://www.reddit.com/user/{s[1]}/.rss")
                : Invalid(input, $"'{s[1]}' is not a Reddit user name");
        return Invalid(input, "not r/NAME or u/NAME");
    }

    private static SourceResolution Invalid(string input, string why) =>
        SourceResolution.Error(SourceKind.Reddit, SourceErrorCodes.RedditInvalid, $"source: Reddit input '{input}' is {why}");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")]
    private static partial Regex Subreddit();

    [GeneratedRegex("^[A-Za-z0-9_-]{3,20}$")]
    private static partial Regex User();

    [GeneratedRegex("^[a-z0-9]{1,12}$")]
    private static partial Regex Id();
}
