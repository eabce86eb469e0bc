using Rota.Crawler.Parsing;

namespace Rota.Crawler.Tests;

public sealed class FormatParsingTests
{
    [Fact]
    public void Parse_Rss20WithNamespaces_ReadsChannelItemsAndExtensions()
    {
        var doc = Fixture.Parse("rss20.xml");
        Assert.Equal(FeedFormat.Rss20, doc.Format);
        Assert.Empty(doc.Warnings);
        Assert.Equal("Example Radio", doc.Feed.Title!.Value);
        Assert.Equal("https://radio.example.com/", doc.Feed.Link);
        Assert.Equal("Weekly <b>shows</b>", doc.Feed.Description!.Value);
        Assert.Equal("en-gb", doc.Feed.Language);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 9, 41, 1, TimeSpan.Zero), doc.Feed.Updated);
        Assert.Equal(new FeedPerson("Ed Itor", "editor@example.com"), doc.Feed.Authors.Single());
        Assert.Equal("https://radio.example.com/logo.png", doc.Feed.Image!.Url);
        Assert.Contains(doc.Feed.Links, l => l.Rel == "self" && l.Href == "https://radio.example.com/feed.xml");

        var ep2 = doc.Entries[0];
        Assert.Equal("ep-2", ep2.Id);
        Assert.Equal("https://radio.example.com/episodes/2", ep2.Link);
        Assert.Equal("Short <i>summary</i>", ep2.Summary!.Value);
        Assert.Equal("<p>Full <a href=\"https://radio.example.com/notes/2\">notes</a></p>", ep2.Content.Single().Value);
        Assert.Equal(new DateTimeOffset(2025, 6, 9, 16, 0, 0, TimeSpan.Zero), ep2.Published);
        Assert.Equal("Ann Host", ep2.Authors.Single().Name);
        Assert.Equal(["science", "oceans"], ep2.Categories.Select(c => c.Term));
        Assert.Equal("https://radio.example.com/tags", ep2.Categories[1].Scheme);
        Assert.Equal(new FeedEnclosure("https://cdn.example.com/ep2.mp3", "audio/mpeg", 12345678), ep2.Enclosures.Single());
        Assert.Equal(new MediaThumbnail("https://cdn.example.com/ep2.jpg", 300, 300), ep2.Thumbnails.Single());
        Assert.Equal("42:10", ep2.ITunesDuration);

        var ep1 = doc.Entries[1];
        Assert.Equal("https://radio.example.com/episodes/1", ep1.Link); // permalink guid doubles as link
        Assert.Equal(new DateTimeOffset(2025, 6, 3, 1, 0, 0, TimeSpan.Zero), ep1.Published); // PDT = UTC-7
    }

    [Fact]
    public void Parse_Rss091WithDoctypeAndLatin1_DecodesAndResolvesHtmlEntities()
    {
        var doc = Fixture.Parse("rss091.xml");
        Assert.Equal(FeedFormat.Rss091, doc.Format);
        Assert.Equal("iso-8859-1", doc.Encoding);
        Assert.Equal("Café News", doc.Feed.Title!.Value);
        Assert.Equal("News\u00a0from the café", doc.Feed.Description!.Value);
        Assert.Empty(doc.Warnings); // entities are declared by the DOCTYPE
        Assert.Equal("http://cafe.example.com/menu", doc.Entries.Single().Link);
    }

    [Fact]
    public void Parse_Rss10Rdf_ReadsSiblingItemsAndDublinCore()
    {
        var doc = Fixture.Parse("rss10.rdf");
        Assert.Equal(FeedFormat.Rss10, doc.Format);
        Assert.Equal("RDF Site", doc.Feed.Title!.Value);
        Assert.Equal("de", doc.Feed.Language);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 11, 0, 0, TimeSpan.Zero), doc.Feed.Updated);
        Assert.Equal(2, doc.Entries.Count);
        Assert.Equal("http://rdf.example.org/a", doc.Entries[0].Id);
        Assert.Equal("Rita", doc.Entries[0].Authors.Single().Name);
        Assert.Equal("rdf", doc.Entries[0].Categories.Single().Term);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 30, 0, TimeSpan.Zero), doc.Entries[0].Updated);
    }

    [Fact]
    public void Parse_Rss090_DetectsVersionFromNamespace()
    {
        var doc = Fixture.Parse("rss090.rdf");
        Assert.Equal(FeedFormat.Rss090, doc.Format);
        Assert.Equal("Only item", doc.Entries.Single().Title!.Value);
    }

    [Fact]
    public void Parse_Atom10_ReadsTextConstructsLinksPeopleAndDates()
    {
        var doc = Fixture.Parse("atom10.xml");
        Assert.Equal(FeedFormat.Atom10, doc.Format);
        Assert.Empty(doc.Warnings);
        Assert.Equal("Example Blog", doc.Feed.Title!.Value);
        Assert.Equal(FeedText.Plain, doc.Feed.Title.Type);
        Assert.Equal("en", doc.Feed.Title.Language);
        Assert.Equal("Notes &amp; essays", doc.Feed.Description!.Value);
        Assert.Equal("https://blog.example.net/", doc.Feed.Link);
        Assert.Equal("tag:blog.example.net,2025:feed", doc.Feed.Id);
        Assert.Equal(new FeedPerson("Bo Writer", "bo@example.net", "https://blog.example.net/about"), doc.Feed.Authors.Single());
        Assert.Equal("https://blog.example.net/logo.svg", doc.Feed.Image!.Url);

        var entry = doc.Entries.Single();
        Assert.Equal("Hello <em>world</em>", entry.Title!.Value);
        Assert.Equal("https://blog.example.net/posts/hello", entry.Link);
        Assert.Equal(new FeedEnclosure("https://blog.example.net/media/hello.ogg", "audio/ogg", 2048), entry.Enclosures.Single());
        Assert.Equal(new DateTimeOffset(2025, 4, 30, 14, 15, 0, TimeSpan.Zero), entry.Published);
        Assert.Equal(new FeedCategory("intro", "https://blog.example.net/tags", "Intro"), entry.Categories.Single());
        Assert.Equal("Plain summary", entry.Summary!.Value);
        Assert.Equal("<p>See <a href=\"https://blog.example.net/posts/hello/img.png\">the picture</a>.</p>", entry.Content.Single().Value);
        Assert.Equal(FeedText.Xhtml, entry.Content[0].Type);
    }

    [Fact]
    public void Parse_Atom03_ReadsEscapedAndBase64Content()
    {
        var doc = Fixture.Parse("atom03.xml");
        Assert.Equal(FeedFormat.Atom03, doc.Format);
        Assert.Equal("Since <b>2003</b>", doc.Feed.Description!.Value);
        Assert.Equal("http://atom03.example.com/", doc.Feed.Link);
        Assert.Equal(new DateTimeOffset(2003, 12, 13, 18, 30, 2, TimeSpan.Zero), doc.Feed.Updated);
        var entry = doc.Entries.Single();
        Assert.Equal("<p>Hello <b>base64</b></p>", entry.Content.Single().Value);
        Assert.Equal(new DateTimeOffset(2003, 12, 13, 12, 29, 29, TimeSpan.Zero), entry.Published);
    }

    [Fact]
    public void Parse_JsonFeed11_ReadsItemsAuthorsAttachmentsAndSanitizesHtml()
    {
        var doc = Fixture.Parse("jsonfeed11.json");
        Assert.Equal(FeedFormat.JsonFeed11, doc.Format);
        Assert.Equal("JSON Example", doc.Feed.Title!.Value);
        Assert.Equal("https://json.example.org/", doc.Feed.Link);
        Assert.Equal("Jay Son", doc.Feed.Authors.Single().Name);
        Assert.Equal("https://json.example.org/icon.png", doc.Feed.Image!.Url);
        var second = doc.Entries[0];
        Assert.Equal("<p>Hi<img src=\"x\" /></p>", second.Content.Single().Value);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 2, 4, 5, TimeSpan.Zero), second.Published);
        Assert.Equal(["a", "b"], second.Categories.Select(c => c.Term));
        Assert.Equal(new FeedEnclosure("https://json.example.org/2.mp3", "audio/mpeg", 999), second.Enclosures.Single());
        Assert.Equal("1", doc.Entries[1].Id); // numeric ids become strings
        Assert.Equal("Plain first", doc.Entries[1].Content.Single().Value);
    }

    [Fact]
    public void Parse_JsonFeed10_ReadsSingleAuthor()
    {
        var doc = Fixture.Parse("jsonfeed10.json");
        Assert.Equal(FeedFormat.JsonFeed10, doc.Format);
        Assert.Equal("Solo", doc.Feed.Authors.Single().Name);
        Assert.Equal("https://old.example.org/x", doc.Entries.Single().Link);
    }
}
