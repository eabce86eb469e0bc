using Rota.Storage;

namespace Rota.Crawler.Quality;

/// <summary>
/// Deterministic content quality, 0–100, from the item as stored (after rules and full content). Signals and points
/// (documented in docs/crawler.md "Content quality"):
/// <list type="bullet">
/// <item><c>text_length</c> 0–35: visible text of the content (else the summary): 0 none, 5 under 100 chars, 15 under
/// 500, 25 under 1500, 35 from 1500.</item>
/// <item><c>title</c> 0–15: 15 for 10–150 characters, 5 for a shorter or longer one, 0 for none.</item>
/// <item><c>author</c> 0/10; <c>media</c> 0/10 (an enclosure, or an image, video, audio or iframe in the body);
/// <c>date</c> 0/5 (a published date).</item>
/// <item><c>link_density</c> 0–15: share of the text inside links — 15 up to 30 %, 5 up to 60 %, 0 above (a link farm)
/// or without text.</item>
/// <item><c>distinct_body</c> 0–10: 10 when there is a content body that is not just the title or the summary, 5 when
/// only a summary (or a content equal to it), 0 when the body is empty or repeats the title.</item>
/// <item><c>clickbait_title</c> 0/−15: a title mostly in capitals (at least 10 letters, 70 % upper case) or with
/// "!!", "?!" or "!?".</item>
/// <item><c>near_duplicate_title</c> 0/−25: the title is near a recent item's title of the same source
/// (<see cref="TitleSimilarity"/>).</item>
/// </list>
/// The score is the sum clamped to 0–100; the maximum without penalties is 100.
/// </summary>
public static class QualityScorer
{
    /// <summary>How many of the source's newest stored items the near-duplicate check compares against.</summary>
    public const int RecentItems = 50;

    /// <param name="recentTitles">Word sets of the source's recent titles (other items only).</param>
    public static QualityScore Score(ItemWrite item, IEnumerable<HashSet<string>> recentTitles)
    {
        ArgumentNullException.ThrowIfNull(item);
        var content = ItemText.Of(item.Content);
        var summary = ItemText.Of(item.Summary);
        var body = content.Text.Length > 0 ? content : summary;
        var title = ItemText.Collapse(item.Title ?? "");
        var words = TitleSimilarity.Words(title);
        var signals = new List<(string, int)>
        {
            ("text_length", TextLength(body.Text.Length)),
            ("title", title.Length == 0 ? 0 : title.Length is >= 10 and <= 150 ? 15 : 5),
            ("author", string.IsNullOrWhiteSpace(item.Author) ? 0 : 10),
            ("media", item.Enclosures is { Count: > 0 } || content.HasMedia || summary.HasMedia ? 10 : 0),
            ("date", item.PublishedAt is null ? 0 : 5),
            ("link_density", LinkDensity(body)),
            ("distinct_body", DistinctBody(content.Text, summary.Text, title)),
            ("clickbait_title", IsClickbait(title) ? -15 : 0),
            ("near_duplicate_title", recentTitles.Any(r => TitleSimilarity.AreNear(words, r)) ? -25 : 0),
        };
        return new QualityScore(Math.Clamp(signals.Sum(s => s.Item2), 0, 100), signals);
    }

    public static int TextLength(int chars) => chars switch
    {
        0 => 0,
        < 100 => 5,
        < 500 => 15,
        < 1500 => 25,
        _ => 35,
    };

    private static int LinkDensity(ItemText body)
    {
        if (body.Text.Length == 0) return 0;
        var ratio = (double)body.LinkChars / body.Text.Length;
        return ratio <= 0.3 ? 15 : ratio <= 0.6 ? 5 : 0;
    }

    private static int DistinctBody(string content, string summary, string title)
    {
        var body = content.Length > 0 ? content : summary;
        if (body.Length == 0 || Same(body, title)) return 0;
        return content.Length == 0 || Same(content, summary) ? 5 : 10;
    }

    public static bool IsClickbait(string title)
    {
        if (title.Contains("!!", StringComparison.Ordinal) || title.Contains("?!", StringComparison.Ordinal) || title.Contains("!?", StringComparison.Ordinal))
            return true;
        var letters = title.Count(char.IsLetter);
        return letters >= 10 && title.Count(char.IsUpper) >= letters * 0.7;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
