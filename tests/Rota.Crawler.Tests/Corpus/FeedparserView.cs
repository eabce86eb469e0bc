using System.Text.Json.Nodes;
using Rota.Crawler.Parsing;

namespace Rota.Crawler.Tests.Corpus;

/// <summary>Presents a <see cref="FeedDocument"/> under Python feedparser's result keys, so the corpus expectations
/// (written against feedparser) can be checked. Test-only: the product contract is docs/crawler.md.</summary>
internal static class FeedparserView
{
    public static JsonObject Of(FeedDocument doc) => new()
    {
        ["bozo"] = doc.Warnings.Count > 0,
        ["encoding"] = doc.Encoding,
        ["version"] = Version(doc.Format),
        ["feed"] = Feed(doc.Feed),
        ["entries"] = new JsonArray(doc.Entries.Select(e => (JsonNode)Entry(e)).ToArray()),
    };

    private static string Version(FeedFormat f) => f switch
    {
        FeedFormat.Rss090 => "rss090", FeedFormat.Rss091 => "rss091u", FeedFormat.Rss092 => "rss092",
        FeedFormat.Rss093 => "rss093", FeedFormat.Rss094 => "rss094", FeedFormat.Rss20 => "rss20", FeedFormat.Rss10 => "rss10",
        FeedFormat.Atom03 => "atom03", FeedFormat.Atom10 => "atom10", FeedFormat.JsonFeed10 => "json1",
        FeedFormat.JsonFeed11 => "json11", FeedFormat.Cdf => "cdf", _ => "",
    };

    private static JsonObject Feed(FeedMetadata f)
    {
        var o = new JsonObject();
        Text(o, "title", f.Title);
        Text(o, "subtitle", f.Description);
        Text(o, "rights", f.Rights);
        Text(o, "info", f.Info);
        Set(o, "link", f.Link);
        if (f.Links.Count > 0) o["links"] = Links(f.Links);
        Set(o, "language", f.Language);
        Set(o, "id", f.Id);
        Date(o, "updated", f.Updated);
        Date(o, "published", f.Published);
        People(o, f.Authors, f.Contributors, f.Publisher);
        Tags(o, f.Categories);
        if (f.Image is { } img)
            o["image"] = Obj(("href", img.Url), ("title", img.Title), ("link", img.Link), ("description", img.Description),
                ("width", img.Width), ("height", img.Height));
        Set(o, "icon", f.Icon);
        Set(o, "logo", f.Logo);
        if (f.Generator is { } g)
        {
            Set(o, "generator", g.Name);
            o["generator_detail"] = Obj(("name", g.Name), ("href", g.Uri), ("version", g.Version));
        }
        Set(o, "docs", f.Docs);
        if (f.Ttl is { } ttl) o["ttl"] = ttl.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (f.ITunesBlock is { } b) o["itunes_block"] = b ? 1 : 0;
        if (f.ITunesExplicit is { } x) o["itunes_explicit"] = x;
        return o;
    }

    private static JsonObject Entry(FeedEntry e)
    {
        var o = new JsonObject();
        Set(o, "id", e.Id);
        if (e.Id is not null) o["guidislink"] = e.GuidIsLink;
        Text(o, "title", e.Title);
        Text(o, "summary", e.Summary ?? e.Content.FirstOrDefault()); // feedparser fills summary from content
        Text(o, "rights", e.Rights);
        Set(o, "language", e.Language);
        Set(o, "link", e.Link);
        if (e.Links.Count > 0) o["links"] = Links(e.Links);
        if (e.Content.Count > 0) o["content"] = new JsonArray(e.Content.Select(c => (JsonNode)Detail(c)).ToArray());
        Date(o, "published", e.Published);
        Date(o, "updated", e.Updated);
        Date(o, "created", e.Created);
        Date(o, "expired", e.Expired);
        People(o, e.Authors, e.Contributors, e.Publisher);
        Tags(o, e.Categories);
        if (e.Enclosures.Count > 0)
            o["enclosures"] = new JsonArray(e.Enclosures.Select(x => (JsonNode)Obj(("href", x.Url), ("type", x.Type), ("length", x.Length?.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray());
        Set(o, "comments", e.Comments);
        if (e.Source is { } s) o["source"] = Feed(s);
        if (e.ITunesBlock is { } b) o["itunes_block"] = b ? 1 : 0;
        if (e.ITunesExplicit is { } x) o["itunes_explicit"] = x;
        Set(o, "itunes_duration", e.ITunesDuration);
        return o;
    }

    private static void Text(JsonObject o, string key, FeedText? t)
    {
        if (t is null) return;
        o[key] = t.Value;
        o[key + "_detail"] = Detail(t);
    }

    private static JsonObject Detail(FeedText t) => new()
    {
        ["type"] = t.Type, ["language"] = t.Language, ["base"] = t.Base ?? "", ["value"] = t.Value,
    };

    private static JsonArray Links(List<FeedLink> links) => new(links.Select(l => (JsonNode)Obj(("rel", l.Rel), ("type", l.Type),
        ("href", l.Href), ("title", l.Title), ("length", l.Length?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("hreflang", l.HrefLang))).ToArray());

    private static void People(JsonObject o, List<FeedPerson> authors, List<FeedPerson> contributors, FeedPerson? publisher)
    {
        if (authors.Count > 0)
        {
            Set(o, "author", authors[0].Display);
            o["author_detail"] = Person(authors[0]);
            o["authors"] = new JsonArray(authors.Select(a => (JsonNode)Person(a)).ToArray());
        }
        if (contributors.Count > 0) o["contributors"] = new JsonArray(contributors.Select(a => (JsonNode)Person(a)).ToArray());
        if (publisher is not null)
        {
            Set(o, "publisher", publisher.Display);
            o["publisher_detail"] = Person(publisher);
        }
    }

    private static JsonObject Person(FeedPerson p) => Obj(("name", p.Name), ("email", p.Email), ("href", p.Uri));

    private static void Tags(JsonObject o, List<FeedCategory> categories)
    {
        if (categories.Count == 0) return;
        o["tags"] = new JsonArray(categories.Select(c => (JsonNode)new JsonObject { ["term"] = c.Term, ["scheme"] = c.Scheme, ["label"] = c.Label }).ToArray());
    }

    private static void Date(JsonObject o, string key, DateTimeOffset? d)
    {
        if (d is not { } v) return;
        var u = v.UtcDateTime;
        o[key] = u.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        o[key + "_parsed"] = new JsonArray(u.Year, u.Month, u.Day, u.Hour, u.Minute, u.Second, ((int)u.DayOfWeek + 6) % 7, u.DayOfYear, 0);
    }

    private static void Set(JsonObject o, string key, string? value)
    {
        if (value is not null) o[key] = value;
    }

    private static JsonObject Obj(params (string Key, object? Value)[] pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs)
            if (v is not null) o[k] = v switch
            {
                string s => JsonValue.Create(s),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                bool b => JsonValue.Create(b),
                _ => JsonValue.Create(v.ToString()),
            };
        return o;
    }
}
