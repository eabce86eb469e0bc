using System.Text.Json.Nodes;
using Rota.Crawler.Fetching;
using Rota.Crawler.Parsing;
using Rota.Crawler.Scheduling;
using Rota.Crawler.Rules;
using Rota.Storage;

namespace Rota.Crawler.Crawling;

/// <summary>
/// One crawl of one source: crawl log <c>started</c> → conditional GET with the stored validators → parse → dedup and
/// store new items → crawl log <c>success</c>/<c>failed</c>/<c>partial</c> → source status, error fields, validators,
/// permanent URL and next crawl time. Failures of the source never throw; only cancellation does.
/// </summary>
internal sealed class SourceCrawl(IRotaStore store, FeedFetcher fetcher, CrawlerOptions options, TimeProvider time)
{
    private readonly ItemIngest _ingest = new(store, fetcher);

    public async Task<SourceCrawlResult> RunAsync(SourceRow source, string crawlType, long? runId, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var logId = await store.CrawlLogStart(new CrawlLogStartParams(source.Owner, source.Id, runId, crawlType, time.GetUtcNow(),
            new JsonObject { ["url"] = source.Url }), ct).ConfigureAwait(false);
        CrawlAttempt attempt;
        try
        {
            attempt = await AttemptAsync(source, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FinishLogAsync(logId, CrawlAttempt.Failure(null, "crawl.cancelled", "crawl: cancelled before the source was done", true), started, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A store or parser bug must not stop the other sources of the run.
            attempt = CrawlAttempt.Failure(null, ex is RotaException r ? r.Code : "crawl.failed", $"crawl: {source.Url}: {ex.Message}", ex is not RotaException { IsTransient: false });
        }
        var duration = await FinishLogAsync(logId, attempt, started, ct).ConfigureAwait(false);
        var updated = await UpdateSourceAsync(source, attempt, ct).ConfigureAwait(false);
        return new SourceCrawlResult
        {
            SourceId = source.Id, Name = source.Name, Url = updated?.Url ?? source.Url, Status = attempt.Status,
            SourceStatus = updated?.Status ?? source.Status, ItemsFetched = attempt.ItemsFetched, ItemsNew = attempt.NewIds.Count,
            HttpStatus = attempt.Fetch is { StatusCode: > 0 } f ? f.StatusCode : null, ErrorCode = attempt.ErrorCode,
            ErrorMessage = attempt.ErrorMessage, ErrorTransient = attempt.ErrorCode is null ? null : attempt.ErrorTransient,
            DurationMs = duration, CrawlLogId = logId, NewItemIds = attempt.NewIds, Rules = attempt.Rules,
        };
    }

    private async Task<CrawlAttempt> AttemptAsync(SourceRow source, CancellationToken ct)
    {
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url))
            return CrawlAttempt.Failure(null, FetchErrorCodes.InvalidUrl, $"crawl: '{source.Url}' is not an absolute URL", false);
        var (rules, ruleErrors) = SourceRulesReader.Read(source.Rules);
        if (ruleErrors.Count > 0)
            return CrawlAttempt.Failure(null, "crawl.invalid_rules", $"crawl: the source's rules are invalid: {string.Join("; ", ruleErrors)}", false);
        var identity = rules.UserAgent is null && rules.Headers.Count == 0 ? null : new FetchIdentity(rules.UserAgent, rules.Headers, url.IdnHost);
        var fetch = await fetcher.FetchAsync(url, identity, source.ETag, source.LastModified, ct).ConfigureAwait(false);
        switch (fetch.Outcome)
        {
            case FetchOutcome.NotModified:
                return new CrawlAttempt { Status = CrawlLogValues.Success, Fetch = fetch };
            case FetchOutcome.Gone:
                return CrawlAttempt.Failure(fetch, fetch.ErrorCode ?? FetchErrorCodes.Gone, fetch.ErrorMessage ?? $"fetch: {url} is gone (410)", false) with { Gone = true };
            case FetchOutcome.Ok:
                break;
            default:
                return CrawlAttempt.Failure(fetch, fetch.ErrorCode ?? FetchErrorCodes.Failed, fetch.ErrorMessage ?? $"fetch: {url} failed", fetch.IsTransient);
        }
        FeedDocument document;
        try
        {
            document = FeedParser.Parse(fetch.Body, new FeedParseOptions { BaseUri = fetch.FinalUrl, ContentType = fetch.ContentType });
        }
        catch (FeedParseException ex)
        {
            return CrawlAttempt.Failure(fetch, ex.Code, $"{ex.Message} ({fetch.FinalUrl})", false);
        }
        var entries = document.Entries.Take(options.MaxItemsPerSource).ToList();
        var (items, errors, counts) = await _ingest.PrepareAsync(source, rules, identity, entries, ct).ConfigureAwait(false);
        var (newIds, storeErrors) = await StoreAsync(source.Id, items, ct).ConfigureAwait(false);
        errors.AddRange(storeErrors);
        return new CrawlAttempt
        {
            Status = errors.Count > 0 ? CrawlLogValues.Partial : CrawlLogValues.Success, Fetch = fetch,
            ItemsFetched = entries.Count, NewIds = newIds, ItemErrors = errors, Rules = counts,
        };
    }

    /// <summary>All items in one transaction; when that fails, one by one so a single bad row only costs itself.</summary>
    private async Task<(List<long> NewIds, List<string> Errors)> StoreAsync(long sourceId, List<ItemWrite> items, CancellationToken ct)
    {
        if (items.Count == 0) return ([], []);
        try
        {
            var all = await store.ItemUpsertMany(new ItemUpsertManyParams(sourceId, items, time.GetUtcNow()), ct).ConfigureAwait(false);
            return ([.. all.NewIds], []);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && items.Count > 1)
        {
            var ids = new List<long>();
            var errors = new List<string>();
            foreach (var item in items)
            {
                try { ids.AddRange((await store.ItemUpsertMany(new ItemUpsertManyParams(sourceId, [item], time.GetUtcNow()), ct).ConfigureAwait(false)).NewIds); }
                catch (Exception one) when (one is not OperationCanceledException) { errors.Add($"crawl: storing item '{item.Title ?? item.Url}' failed: {one.Message}"); }
            }
            return (ids, errors);
        }
    }

    private async Task<long> FinishLogAsync(long logId, CrawlAttempt a, long started, CancellationToken ct)
    {
        var duration = (long)time.GetElapsedTime(started).TotalMilliseconds;
        JsonObject? details = null;
        if (a.ErrorCode is not null || a.ItemErrors.Count > 0 || a.Fetch is { Redirects.Count: > 0 })
        {
            details = new JsonObject
            {
                ["code"] = a.ErrorCode, ["transient"] = a.ErrorCode is null ? null : a.ErrorTransient,
                ["http_status"] = a.Fetch is { StatusCode: > 0 } f ? f.StatusCode : null,
                ["retry_after"] = a.Fetch?.RetryAfter?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
            if (a.ItemErrors.Count > 0) details["item_errors"] = new JsonArray([.. a.ItemErrors.Select(e => (JsonNode)JsonValue.Create(e)!)]);
            if (a.Fetch is { Redirects.Count: > 0 } r)
                details["redirects"] = new JsonArray([.. r.Redirects.Select(h => (JsonNode)new JsonObject { ["status"] = h.StatusCode, ["from"] = h.From.ToString(), ["to"] = h.Location.ToString() })]);
        }
        var message = a.ErrorMessage ?? (a.ItemErrors.Count > 0 ? $"crawl: {a.ItemErrors.Count} item(s) could not be read or stored" : null);
        await store.CrawlLogFinish(new CrawlLogFinishParams(logId, a.Status, a.ItemsFetched, a.NewIds.Count, message, details, duration, time.GetUtcNow(),
            Metadata(a)), ct).ConfigureAwait(false);
        return duration;
    }

    /// <summary>The crawl log's metadata: the URL fetched, whether it was a 304, and what the crawl rules held back.</summary>
    private static JsonObject? Metadata(CrawlAttempt a)
    {
        if (a.Fetch is not { } fetch) return null;
        var metadata = new JsonObject { ["url"] = fetch.FinalUrl.ToString(), ["not_modified"] = fetch.Outcome == FetchOutcome.NotModified };
        if (!a.Rules.IsEmpty) metadata["rules"] = a.Rules.ToJson();
        return metadata;
    }

    private async Task<SourceRow?> UpdateSourceAsync(SourceRow source, CrawlAttempt a, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var interval = PollSchedule.Current(options, source.PollIntervalSeconds);
        var mode = CrawlScheduleModes.OfSource(source) ?? options.Schedule;
        if (a.Failed)
        {
            var retry = CrawlScheduler.AfterFailure(options, mode, interval, a.ErrorTransient, source.ConsecutiveErrors, a.Fetch?.RetryAfter, now);
            return await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(source.Id, a.Gone ? SourceStatus.Disabled : SourceStatus.Error, true,
                a.ErrorCode, a.ErrorMessage, a.ErrorTransient, null, null, retry.Next, (int)retry.Interval.TotalSeconds, now, ScheduleReason: retry.Reason), ct).ConfigureAwait(false);
        }
        var (profile, history) = mode == CrawlScheduleMode.Predictive
            ? await PostingHistory.LearnAsync(store, source.Id, options.Predictive, now, ct).ConfigureAwait(false)
            : (null, 0);
        var next = CrawlScheduler.AfterSuccess(options, mode, source.Id, interval, a.NewIds.Count, profile, history, now);
        return await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(source.Id, SourceStatus.Active, false, null, null, null,
            a.Fetch?.ETag, a.Fetch?.LastModified, next.Next, (int)next.Interval.TotalSeconds, now, a.Fetch?.PermanentUrl?.ToString(), next.Reason), ct).ConfigureAwait(false);
    }
}
