using Rota.Crawler.Fetching;
using Rota.Crawler.Parsing;
using Rota.Crawler.Quality;
using Rota.Crawler.Rules;
using Rota.Storage;

namespace Rota.Crawler.Crawling;

/// <summary>
/// Turns a source's parsed entries into the rows to store, applying its <see cref="SourceRules"/> in the documented
/// order — <c>max_items</c>, rewrite, <c>block</c>, <c>keep</c>, <c>full_content</c> (new items only), quality score,
/// <c>min_quality</c> — and counting what each rule held back.
/// </summary>
internal sealed class ItemIngest(IRotaStore store, FeedFetcher fetcher)
{
    public sealed record Result(List<ItemWrite> Items, List<string> Errors, RuleCounts Counts);

    public async Task<Result> PrepareAsync(SourceRow source, SourceRules rules, FetchIdentity? identity, IReadOnlyList<FeedEntry> entries, CancellationToken ct)
    {
        var counts = new RuleCounts();
        if (rules.MaxItems is { } max && entries.Count > max)
        {
            counts = counts with { Truncated = entries.Count - max };
            entries = [.. entries.Take(max)];
        }
        var (mapped, errors) = ItemMapper.Map(entries);
        var items = new List<ItemWrite>(mapped.Count);
        int rewritten = 0, blocked = 0, keptOut = 0;
        foreach (var item in mapped)
        {
            var rewrittenItem = RuleApplier.Rewrite(item, rules);
            if (rewrittenItem != item) rewritten++;
            switch (RuleApplier.Reject(rewrittenItem, rules))
            {
                case "blocked": blocked++; break;
                case "kept_out": keptOut++; break;
                default: items.Add(rewrittenItem); break;
            }
        }
        counts = counts with { Rewritten = rewritten, Blocked = blocked, KeptOut = keptOut };
        if (rules.FullContent) (items, counts) = await WithFullContentAsync(source, rules, identity, items, counts, ct).ConfigureAwait(false);
        (items, var below) = await ScoreAsync(source.Id, rules, items, ct).ConfigureAwait(false);
        return new Result(items, errors, counts with { BelowQuality = below });
    }

    /// <summary>New items get their page's extract as content; items already stored are left as they are (a refresh
    /// from the feed would overwrite the full content with the feed's).</summary>
    private async Task<(List<ItemWrite>, RuleCounts)> WithFullContentAsync(SourceRow source, SourceRules rules, FetchIdentity? identity,
        List<ItemWrite> items, RuleCounts counts, CancellationToken ct)
    {
        var existing = (await store.ItemExistingKeys(new ItemExistingKeysParams(source.Id, [.. items.Select(i => i.GuidHash)]), ct).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var result = new List<ItemWrite>(items.Count);
        int fetched = 0, failed = 0;
        foreach (var item in items)
        {
            if (existing.Contains(item.GuidHash)) continue;
            if (await FetchContentAsync(item, rules, identity, ct).ConfigureAwait(false) is { } content)
            {
                result.Add(item with { Content = content });
                fetched++;
            }
            else
            {
                result.Add(item);
                failed++;
            }
        }
        return (result, counts with { FullContentFetched = fetched, FullContentFailed = failed });
    }

    private async Task<string?> FetchContentAsync(ItemWrite item, SourceRules rules, FetchIdentity? identity, CancellationToken ct)
    {
        if (!Uri.TryCreate(item.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) return null;
        var page = await fetcher.FetchAsync(url, identity, ct: ct).ConfigureAwait(false);
        return page is { Outcome: FetchOutcome.Ok, StatusCode: 200 }
            ? FullContentExtractor.Extract(page.Body, page.ContentType, rules.Selector, page.FinalUrl)
            : null;
    }

    /// <summary>Scores oldest entry first, so of two near-duplicate titles the later one is penalised; then drops
    /// items under <c>min_quality</c>, keeping feed order.</summary>
    private async Task<(List<ItemWrite>, int Below)> ScoreAsync(long sourceId, SourceRules rules, List<ItemWrite> items, CancellationToken ct)
    {
        if (items.Count == 0) return (items, 0);
        var recent = (await store.ItemList(new ItemListParams(sourceId, Limit: QualityScorer.RecentItems), ct).ConfigureAwait(false))
            .Select(r => (r.GuidHash, Words: TitleSimilarity.Words(r.Title))).ToList();
        var scored = new ItemWrite[items.Count];
        for (var i = items.Count - 1; i >= 0; i--)
        {
            var item = items[i];
            var score = QualityScorer.Score(item, recent.Where(r => r.GuidHash != item.GuidHash).Select(r => r.Words));
            scored[i] = item with { Quality = score.Score, QualitySignals = score.SignalsJson() };
            recent.Add((item.GuidHash, TitleSimilarity.Words(item.Title)));
        }
        var kept = rules.MinQuality is { } min ? scored.Where(i => i.Quality >= min).ToList() : [.. scored];
        return (kept, scored.Length - kept.Count);
    }
}
