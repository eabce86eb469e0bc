using System.Text.Json.Nodes;
using Rota.Crawler.Dedup;
using Rota.Crawler.Parsing;
using Rota.Storage;

namespace Rota.Crawler.Crawling;

/// <summary>Turns parsed entries into rows to store, in feed order, without duplicate keys.</summary>
internal static class ItemMapper
{
    /// <summary>The rows, and a message per entry that has no dedup key (id, link or title).</summary>
    public static (List<ItemWrite> Items, List<string> Errors) Map(IEnumerable<FeedEntry> entries)
    {
        var items = new List<ItemWrite>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in entries)
        {
            index++;
            if (ItemKey.Of(entry) is not { } key)
            {
                errors.Add($"crawl: entry {index} has no id, link or title to tell it apart");
                continue;
            }
            // A feed that repeats an entry (same guid twice) stores it once.
            if (!seen.Add(key)) continue;
            items.Add(new ItemWrite(key, entry.Link, entry.Title?.Value, entry.Authors.FirstOrDefault()?.Display, entry.Summary?.Value,
                entry.Content.FirstOrDefault()?.Value, entry.Published ?? entry.Updated,
                entry.Categories.Count == 0 ? null : new JsonArray([.. entry.Categories.Select(c => (JsonNode)JsonValue.Create(c.Term)!)]),
                entry.Enclosures.Count == 0 ? null : new JsonArray([.. entry.Enclosures.Select(e => (JsonNode)new JsonObject
                {
                    ["url"] = e.Url, ["type"] = e.Type, ["length"] = e.Length,
                })])));
        }
        return (items, errors);
    }
}
