namespace Rota.Crawler.Opml;

/// <summary>One feed of an OPML subscription list: its feed URL, title, site URL and the folder it sat in.</summary>
public sealed record OpmlOutline(string XmlUrl, string? Title, string? HtmlUrl = null, string? Category = null);
