using System.Globalization;
using System.Text;

namespace Rota.Benchmarks.Feeds;

/// <summary>
/// Large, well-formed feeds generated deterministically (same bytes on every run): an RSS 2.0 feed and an Atom 1.0
/// feed of N entries each, every entry with an HTML summary and an HTML body of a few KB (paragraphs, links, relative
/// images, lists, code, an inline script and event handler for the sanitiser), dates, authors, categories and, in
/// RSS, an enclosure. Written to a directory so the Python side parses the same bytes.
/// </summary>
internal static class LargeFeedGenerator
{
    private static readonly string[] Words =
    [
        "scheduler", "feed", "crawler", "latency", "queue", "worker", "parser", "entry", "sqlite", "lease", "retry",
        "cron", "throughput", "window", "snapshot", "budget", "policy", "backoff", "timezone", "journal", "index",
        "the", "a", "of", "and", "to", "in", "is", "for", "on", "with", "that", "by", "from", "at", "as", "this",
        "étude", "naïve", "café", "Zürich", "日本語", "données", "résumé",
    ];

    private static readonly DateTimeOffset Epoch = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static FeedSet Write(string dir, int entries)
    {
        var rss = Path.Combine(dir, $"large-rss2-{entries}.xml");
        var atom = Path.Combine(dir, $"large-atom-{entries}.xml");
        File.WriteAllBytes(rss, Encoding.UTF8.GetBytes(Rss(entries)));
        File.WriteAllBytes(atom, Encoding.UTF8.GetBytes(Atom(entries)));
        return new FeedSet("large", [new FeedInput(rss, File.ReadAllBytes(rss)), new FeedInput(atom, File.ReadAllBytes(atom))]);
    }

    private static string Rss(int entries)
    {
        var sb = new StringBuilder(entries * 4096);
        sb.Append("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
            <title>Rota bench: large RSS 2.0 feed</title>
            <link>https://bench.example.com/</link>
            <description>Deterministic feed for the parse benchmark &amp; its peers</description>
            <language>en-us</language>
            """).Append('\n');
        sb.Append(Inv($"<lastBuildDate>{Epoch:R}</lastBuildDate>\n"));
        sb.Append("<atom:link href=\"https://bench.example.com/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n");
        for (var i = 0; i < entries; i++)
        {
            var date = Epoch.AddMinutes(-37 * i);
            sb.Append("<item>\n");
            sb.Append(Inv($"<title>{Esc(Title(i))}</title>\n"));
            sb.Append(Inv($"<link>https://bench.example.com/posts/{i}</link>\n"));
            sb.Append(Inv($"<guid isPermaLink=\"false\">urn:rota:bench:rss:{i}</guid>\n"));
            sb.Append(Inv($"<pubDate>{date:R}</pubDate>\n"));
            sb.Append(Inv($"<dc:creator>Author {i % 7}</dc:creator>\n"));
            sb.Append(Inv($"<category>topic-{i % 5}</category><category>series-{i % 11}</category>\n"));
            sb.Append(Inv($"<description>{Esc(Summary(i))}</description>\n"));
            sb.Append("<content:encoded><![CDATA[").Append(Body(i)).Append("]]></content:encoded>\n");
            sb.Append(Inv($"<enclosure url=\"https://cdn.bench.example.com/audio/{i}.mp3\" length=\"{1_000_000 + i * 977}\" type=\"audio/mpeg\"/>\n"));
            sb.Append("</item>\n");
        }
        sb.Append("</channel>\n</rss>\n");
        return sb.ToString();
    }

    private static string Atom(int entries)
    {
        var sb = new StringBuilder(entries * 4096);
        sb.Append("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://bench.example.com/">
            <title type="text">Rota bench: large Atom 1.0 feed</title>
            <subtitle type="html">Deterministic feed for the &lt;em&gt;parse&lt;/em&gt; benchmark</subtitle>
            <id>urn:rota:bench:atom</id>
            <link rel="alternate" type="text/html" href="https://bench.example.com/"/>
            <link rel="self" type="application/atom+xml" href="https://bench.example.com/atom.xml"/>
            <author><name>Rota Bench</name><email>bench@example.com</email></author>
            """).Append('\n');
        sb.Append(Inv($"<updated>{Iso(Epoch)}</updated>\n"));
        for (var i = 0; i < entries; i++)
        {
            var published = Epoch.AddMinutes(-37 * i);
            sb.Append("<entry>\n");
            sb.Append(Inv($"<id>urn:rota:bench:atom:{i}</id>\n"));
            sb.Append(Inv($"<title type=\"text\">{Esc(Title(i))}</title>\n"));
            sb.Append(Inv($"<link rel=\"alternate\" type=\"text/html\" href=\"posts/{i}\"/>\n"));
            sb.Append(Inv($"<published>{Iso(published)}</published>\n"));
            sb.Append(Inv($"<updated>{Iso(published.AddMinutes(5))}</updated>\n"));
            sb.Append(Inv($"<author><name>Author {i % 7}</name><email>author{i % 7}@example.com</email></author>\n"));
            sb.Append(Inv($"<category term=\"topic-{i % 5}\"/><category term=\"series-{i % 11}\"/>\n"));
            sb.Append(Inv($"<summary type=\"html\">{Esc(Summary(i))}</summary>\n"));
            sb.Append(Inv($"<content type=\"html\">{Esc(Body(i))}</content>\n"));
            sb.Append("</entry>\n");
        }
        sb.Append("</feed>\n");
        return sb.ToString();
    }

    private static string Title(int i) => Inv($"Entry {i}: {Sentence(i, 7)} & more");

    private static string Summary(int i) => Inv($"<p>{Sentence(i + 1, 40)} <a href=\"/posts/{i}\">read more</a></p>");

    private static string Body(int i)
    {
        var sb = new StringBuilder(3000);
        sb.Append(Inv($"<h2>{Sentence(i + 2, 6)}</h2>\n"));
        for (var p = 0; p < 5; p++)
            sb.Append(Inv($"<p>{Sentence(i * 5 + p, 45)} <em>{Sentence(i + p, 3)}</em> <a href=\"/tags/t{(i + p) % 13}\" title=\"tag\">tag {p}</a>.</p>\n"));
        sb.Append(Inv($"<p><img src=\"/img/{i}.png\" alt=\"figure {i}\" width=\"640\" height=\"360\" onerror=\"alert(1)\"></p>\n"));
        sb.Append("<ul>");
        for (var l = 0; l < 4; l++) sb.Append("<li>").Append(Sentence(i + l * 3, 8)).Append("</li>");
        sb.Append("</ul>\n");
        sb.Append(Inv($"<pre><code>rota enqueue --task t{i} --at \"{Iso(Epoch)}\"</code></pre>\n"));
        sb.Append("<script>document.write('sanitised away')</script>\n");
        sb.Append(Inv($"<blockquote>{Sentence(i + 9, 20)}</blockquote>\n"));
        return sb.ToString();
    }

    /// <summary>Deterministic pseudo-text: word k of sentence <paramref name="seed"/>.</summary>
    private static string Sentence(int seed, int words)
    {
        var sb = new StringBuilder(words * 8);
        var x = (uint)(seed * 2654435761u + 12345u);
        for (var k = 0; k < words; k++)
        {
            x = x * 1664525u + 1013904223u;
            if (k > 0) sb.Append(' ');
            sb.Append(Words[(int)(x >> 16) % Words.Length]);
        }
        return sb.ToString();
    }

    private static string Esc(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
