using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rota.Crawler.Parsing;
using Rota.Crawler.Sources;

namespace Rota.Crawler.Dedup;

/// <summary>
/// The dedup key of an entry within its source: the entry id (RSS guid, Atom id, JSON Feed id) when present, else its
/// link (normalized, so tracking parameters and a trailing slash do not make a new item), else title + published time.
/// Hashed (SHA-256, hex) so keys have one size whatever the feed puts in its ids. Null when the entry has none of these:
/// such an entry cannot be told apart from the next one and is reported as unparseable.
/// </summary>
public static class ItemKey
{
    public static string? Of(FeedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string? key = null;
        if (!string.IsNullOrWhiteSpace(entry.Id)) key = "id:" + entry.Id.Trim();
        else if (!string.IsNullOrWhiteSpace(entry.Link))
            key = "link:" + (UrlNormalizer.TryNormalize(entry.Link, out var normalized) ? normalized : entry.Link.Trim());
        else if (!string.IsNullOrWhiteSpace(entry.Title?.Value))
            key = "title:" + entry.Title.Value.Trim() + "|" + entry.Published?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return key is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
