using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Rota.Crawler.Opml;

/// <summary>
/// Reads and writes OPML subscription lists (OPML 2.0; 1.0 files read the same). Reading takes every
/// <c>outline</c> with an <c>xmlUrl</c> at any depth, naming the enclosing outline as its category; folders and
/// outlines without a feed URL are skipped. DTDs are refused (no entity expansion from untrusted files).
/// </summary>
public static class OpmlDocument
{
    public static IReadOnlyList<OpmlOutline> Read(Stream stream)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new RotaException("opml.invalid", $"opml: the file is not well-formed XML: {ex.Message}", isTransient: false);
        }
        if (doc.Root?.Name.LocalName != "opml")
            throw new RotaException("opml.invalid", $"opml: the root element is <{doc.Root?.Name.LocalName}>, not <opml>", isTransient: false);
        var found = new List<OpmlOutline>();
        foreach (var outline in doc.Root.Descendants().Where(e => e.Name.LocalName == "outline"))
        {
            if (Attr(outline, "xmlUrl") is not { } url) continue;
            var parent = outline.Parent is { Name.LocalName: "outline" } p ? Attr(p, "title") ?? Attr(p, "text") : null;
            found.Add(new OpmlOutline(url, Attr(outline, "title") ?? Attr(outline, "text"), Attr(outline, "htmlUrl"), parent));
        }
        return found;
    }

    public static void Write(Stream stream, IEnumerable<OpmlOutline> outlines, string title, DateTimeOffset created)
    {
        var body = new XElement("body");
        foreach (var group in outlines.GroupBy(o => o.Category))
        {
            var items = group.Select(o => new XElement("outline",
                new XAttribute("type", "rss"), new XAttribute("text", o.Title ?? o.XmlUrl), new XAttribute("title", o.Title ?? o.XmlUrl),
                new XAttribute("xmlUrl", o.XmlUrl), o.HtmlUrl is null ? null : new XAttribute("htmlUrl", o.HtmlUrl)));
            if (group.Key is null) body.Add(items);
            else body.Add(new XElement("outline", new XAttribute("text", group.Key), new XAttribute("title", group.Key), items));
        }
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("opml", new XAttribute("version", "2.0"),
            new XElement("head", new XElement("title", title), new XElement("dateCreated", created.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture))),
            body));
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        doc.Save(writer);
    }

    private static string? Attr(XElement e, string name) =>
        e.Attributes().FirstOrDefault(a => string.Equals(a.Name.LocalName, name, StringComparison.OrdinalIgnoreCase))?.Value.Trim() is { Length: > 0 } v ? v : null;
}
