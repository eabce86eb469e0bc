using System.Text.Json.Nodes;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Execution;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Crawler;

/// <summary>
/// The built-in <c>fetch-page</c> handler: fetches a stored item's link with the crawler's fetcher (same SSRF guard,
/// politeness and limits) and stores the status code, final URL, title and text extract on the item. A response other
/// than 200 is recorded and skipped, as seed 000 does; a transport failure fails the attempt (retried when transient).
/// Parameter: <c>item_id</c> (required). Stats: <c>status_code</c>, <c>text_chars</c>, <c>skipped</c>.
/// </summary>
public sealed class FetchPageHandler(IRotaStore store, FeedFetcher fetcher) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var id = context.Parameters["item_id"] is JsonValue v && v.TryGetValue<long>(out var n) ? n
            : throw new RotaException("fetch_page.bad_parameters", "fetch_page: parameter 'item_id' must be an item id number", isTransient: false);
        var item = await store.ItemGet(id, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RotaException("fetch_page.item_not_found", $"fetch_page: no item {id}", isTransient: false);
        if (!Uri.TryCreate(item.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return TaskOutcome.Success(new JsonObject { ["skipped"] = true, ["reason"] = "the item has no http(s) link" });
        var fetch = await fetcher.FetchAsync(url, ct: context.CancellationToken).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        if (fetch.StatusCode == 0)
            return TaskOutcome.Fail(new RunError(fetch.ErrorCode ?? FetchErrorCodes.Failed, fetch.ErrorMessage ?? $"fetch_page: {url} failed", IsTransient: fetch.IsTransient));
        if (fetch.StatusCode != 200 || fetch.Outcome != FetchOutcome.Ok)
        {
            await store.ItemSetPage(new ItemSetPageParams(id, fetch.StatusCode, fetch.FinalUrl.ToString(), null, null, now), context.CancellationToken).ConfigureAwait(false);
            context.Log($"fetch_page: {url} answered {fetch.StatusCode}; skipped");
            return TaskOutcome.Success(new JsonObject { ["status_code"] = fetch.StatusCode, ["skipped"] = true });
        }
        var (title, text) = PageText.Extract(fetch.Body, fetch.ContentType);
        await store.ItemSetPage(new ItemSetPageParams(id, 200, fetch.FinalUrl.ToString(), title, text, now), context.CancellationToken).ConfigureAwait(false);
        return TaskOutcome.Success(new JsonObject { ["status_code"] = 200, ["text_chars"] = text?.Length ?? 0, ["skipped"] = false });
    }
}
