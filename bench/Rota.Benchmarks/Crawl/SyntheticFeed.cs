using System.Globalization;
using System.Text;

namespace Rota.Benchmarks.Crawl;

/// <summary>The body and ETag of synthetic feed <c>i</c>: RSS 2.0, fixed items, generated per request (nothing cached,
/// so the server adds little to the resident set).</summary>
internal static class SyntheticFeed
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static string ETag(int feed) => string.Create(CultureInfo.InvariantCulture, $"\"feed-{feed}-v1\"");

    public static byte[] Body(int feed, int items)
    {
        var sb = new StringBuilder(512 + items * 420);
        var inv = CultureInfo.InvariantCulture;
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>");
        sb.Append(inv, $"<title>Synthetic feed {feed}</title><link>https://example.com/{feed}/</link>");
        sb.Append("<description>A generated feed of the Rota crawl benchmark.</description>");
        for (var j = 0; j < items; j++)
        {
            var date = Epoch.AddMinutes(-(feed % 1440) - j * 60).ToString("r", inv);
            sb.Append(inv, $"<item><title>Post {j} of feed {feed}</title><link>https://example.com/{feed}/posts/{j}</link>");
            sb.Append(inv, $"<guid isPermaLink=\"false\">feed-{feed}-post-{j}</guid><pubDate>{date}</pubDate>");
            sb.Append(inv, $"<description>&lt;p&gt;Body of post {j} in feed {feed}: a paragraph of ordinary text, long enough to look like a summary, with a &lt;a href=\"https://example.com/{feed}/posts/{j}\"&gt;link&lt;/a&gt;.&lt;/p&gt;</description></item>");
        }
        sb.Append("</channel></rss>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
