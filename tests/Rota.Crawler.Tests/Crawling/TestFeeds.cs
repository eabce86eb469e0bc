using System.Globalization;
using System.Text;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>Small feeds written on the fly: RSS 2.0, Atom 1.0 and JSON Feed 1.1 with entries named by their ids.</summary>
internal static class TestFeeds
{
    public const string RssType = "application/rss+xml; charset=utf-8";
    public const string AtomType = "application/atom+xml; charset=utf-8";
    public const string JsonType = "application/feed+json; charset=utf-8";

    private static readonly DateTimeOffset Base = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Rss(params string[] ids)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title><link>https://example.com/</link>");
        for (var i = 0; i < ids.Length; i++)
            sb.Append(CultureInfo.InvariantCulture, $"<item><guid isPermaLink=\"false\">{ids[i]}</guid><title>Title {ids[i]}</title><link>https://example.com/{ids[i]}</link><description>About {ids[i]}</description><pubDate>{Base.AddHours(i):R}</pubDate><category>c1</category></item>");
        return sb.Append("</channel></rss>").ToString();
    }

    public static string Atom(params string[] ids)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><id>urn:a</id><updated>2026-01-01T00:00:00Z</updated>");
        foreach (var id in ids)
            sb.Append(CultureInfo.InvariantCulture, $"<entry><id>urn:{id}</id><title>Title {id}</title><link href=\"https://example.com/{id}\"/><updated>2026-01-01T00:00:00Z</updated><content type=\"html\">&lt;p&gt;{id}&lt;/p&gt;</content></entry>");
        return sb.Append("</feed>").ToString();
    }

    public static string Json(params string[] ids) =>
        "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[" +
        string.Join(',', ids.Select(id => $"{{\"id\":\"{id}\",\"url\":\"https://example.com/{id}\",\"title\":\"Title {id}\",\"content_text\":\"{id}\"}}")) + "]}";

    /// <summary>An RSS feed whose second item has no guid, link or title, so it cannot be stored.</summary>
    public static string RssWithUnkeyedItem() =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>" +
        "<item><guid>k1</guid><title>One</title></item><item><description>no key at all</description></item></channel></rss>";
}
