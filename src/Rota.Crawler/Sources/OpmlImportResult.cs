namespace Rota.Crawler.Sources;

/// <summary>Counts of an OPML import: feeds added, feeds the owner already had (same normalized URL, or listed twice),
/// and outlines whose URL is not http(s) (with their messages).</summary>
public sealed record OpmlImportResult(int Added, int Existing, IReadOnlyList<string> Invalid);
