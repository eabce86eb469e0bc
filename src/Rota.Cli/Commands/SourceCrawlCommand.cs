using System.CommandLine;
using System.Globalization;

namespace Rota.Cli.Commands;

/// <summary><c>rota source crawl [ID]</c>: crawl now and print seed 001's summary — in this process, or with
/// <c>--server</c> on the server (one source: <c>POST /sources/{id}/crawl</c>; all: <c>POST /crawl/trigger</c>).</summary>
public static class SourceCrawlCommand
{
    public static Command Create(CliContext ctx)
    {
        var id = new Argument<long?>("id") { Description = "Crawl only this source (default: every source not disabled)", Arity = ArgumentArity.ZeroOrOne };
        var due = new Option<bool>("--due") { Description = "Only sources whose next crawl time has come (local only)" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var loopback = CrawlerSetup.AllowLoopbackOption();
        var crawl = new Command("crawl", "Crawl sources now and print the summary (crawl logs are written as by the crawl task)") { id, due, CrawlerSetup.OwnerOption, loopback, json };
        crawl.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "source crawl", due, CrawlerSetup.OwnerOption, loopback) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            var summary = await backend.CrawlSourcesAsync(p.GetValue(id), p.GetValue(CrawlerSetup.OwnerOption), p.GetValue(due), p.GetValue(loopback), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, summary);
            else
            {
                CliOutput.WriteTable(ctx.Out, ["Source", "Name", "Crawl", "Status", "Fetched", "New", "Error"],
                    summary.Results.Select(r => new[]
                    {
                        r.SourceId.ToString(CultureInfo.InvariantCulture), r.Name, r.Status, r.SourceStatus,
                        r.ItemsFetched.ToString(CultureInfo.InvariantCulture), r.ItemsNew.ToString(CultureInfo.InvariantCulture),
                        r.ErrorCode is null ? null : $"{r.ErrorCode}: {r.ErrorMessage}",
                    }));
                ctx.Out.WriteLine($"crawl: {summary.SourcesCrawled} source(s) crawled — {summary.Successful} successful, {summary.Failed} failed, {summary.Partial} partial; {summary.ItemsFetched} item(s) fetched, {summary.ItemsNew} new");
            }
            return summary.SourcesCrawled > 0 && summary.Failed == summary.SourcesCrawled ? ExitCodes.RunFailed : ExitCodes.Ok;
        });
        return crawl;
    }
}
