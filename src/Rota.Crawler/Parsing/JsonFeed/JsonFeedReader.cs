using System.Text.Json;
using Rota.Crawler.Parsing.Dates;
using Rota.Crawler.Parsing.Html;
using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.JsonFeed;

/// <summary>Reads JSON Feed 1.0 and 1.1 (jsonfeed.org): 1.0's single <c>author</c> and 1.1's <c>authors</c> alike.
/// Fields of the wrong JSON type are ignored rather than failing the feed.</summary>
internal static class JsonFeedReader
{
    public static (FeedFormat Format, FeedMetadata Feed, List<FeedEntry> Entries) Read(string text, FeedParseOptions options)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FeedParseException("feed.format_not_detected", $"feed: the document starts like JSON but is not valid JSON ({ex.Message})", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            var version = Str(root, "version");
            if (root.ValueKind != JsonValueKind.Object || version is null || !version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
                throw new FeedParseException("feed.format_not_detected", "feed: JSON document without a jsonfeed.org \"version\" is not a JSON Feed");
            var format = version.TrimEnd('/').EndsWith("1.1", StringComparison.Ordinal) ? FeedFormat.JsonFeed11 : FeedFormat.JsonFeed10;
            var baseUri = options.BaseUri;
            var feed = new FeedMetadata
            {
                Title = Text(Str(root, "title"), FeedText.Plain, null, options),
                Link = Url(Str(root, "home_page_url"), baseUri),
                Description = Text(Str(root, "description"), FeedText.Plain, null, options),
                Language = Str(root, "language"),
                Icon = Url(Str(root, "favicon"), baseUri),
            };
            if (Url(Str(root, "icon"), baseUri) is { } icon) feed.Image = new FeedImage(icon);
            if (feed.Link is not null) feed.Links.Add(new FeedLink(feed.Link));
            if (Url(Str(root, "feed_url"), baseUri) is { } self) feed.Links.Add(new FeedLink(self, "self", "application/feed+json"));
            ReadAuthors(root, feed.Authors, baseUri);
            var entries = new List<FeedEntry>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                foreach (var item in items.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object) entries.Add(ReadItem(item, feed.Language, options));
            return (format, feed, entries);
        }
    }

    private static FeedEntry ReadItem(JsonElement item, string? feedLanguage, FeedParseOptions options)
    {
        var baseUri = options.BaseUri;
        var language = Str(item, "language") ?? feedLanguage;
        var entry = new FeedEntry
        {
            Id = item.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? id.ToString() : null,
            Title = Text(Str(item, "title"), FeedText.Plain, language, options),
            Link = Url(Str(item, "url"), baseUri) ?? Url(Str(item, "external_url"), baseUri),
            Summary = Text(Str(item, "summary"), FeedText.Plain, language, options),
            Published = FeedDateParser.Parse(Str(item, "date_published")),
            Updated = FeedDateParser.Parse(Str(item, "date_modified")),
            Language = Str(item, "language"),
        };
        if (entry.Link is not null) entry.Links.Add(new FeedLink(entry.Link));
        if (Text(Str(item, "content_html"), FeedText.Html, language, options) is { } html) entry.Content.Add(html);
        if (Text(Str(item, "content_text"), FeedText.Plain, language, options) is { } plain) entry.Content.Add(plain);
        if (Url(Str(item, "image"), baseUri) is { } image) entry.Thumbnails.Add(new MediaThumbnail(image));
        ReadAuthors(item, entry.Authors, baseUri);
        if (item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
            foreach (var tag in tags.EnumerateArray())
                if (tag.ValueKind == JsonValueKind.String) ExtensionElementReader.AddCategory(entry.Categories, tag.GetString());
        if (item.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
            foreach (var a in attachments.EnumerateArray())
                if (a.ValueKind == JsonValueKind.Object && Url(Str(a, "url"), baseUri) is { } url)
                    entry.Enclosures.Add(new FeedEnclosure(url, Str(a, "mime_type"),
                        a.TryGetProperty("size_in_bytes", out var size) && size.TryGetInt64(out var n) ? n : null));
        return entry;
    }

    private static void ReadAuthors(JsonElement owner, List<FeedPerson> into, Uri? baseUri)
    {
        if (owner.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
            foreach (var a in authors.EnumerateArray()) AddAuthor(a, into, baseUri);
        else if (owner.TryGetProperty("author", out var author)) AddAuthor(author, into, baseUri);
    }

    private static void AddAuthor(JsonElement a, List<FeedPerson> into, Uri? baseUri)
    {
        if (a.ValueKind != JsonValueKind.Object) return;
        var name = Str(a, "name");
        var url = Url(Str(a, "url"), baseUri);
        if (name is not null || url is not null) into.Add(new FeedPerson(name, null, url));
    }

    private static FeedText? Text(string? value, string type, string? language, FeedParseOptions options)
    {
        if (value is null) return null;
        if (type == FeedText.Html && options.SanitizeHtml) value = FeedHtmlSanitizer.Sanitize(value, options.BaseUri);
        return new FeedText(value, type, language, options.BaseUri?.AbsoluteUri);
    }

    private static string? Url(string? value, Uri? baseUri) => string.IsNullOrWhiteSpace(value) ? null : UrlResolver.Resolve(baseUri, value);

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
