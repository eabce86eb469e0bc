using System.CommandLine;
using System.Globalization;

namespace Rota.Cli.Commands;

/// <summary><c>rota crawl stats</c> and <c>rota crawl status</c>: seed 001's <c>/crawl/stats</c> and <c>/crawl/status</c>,
/// the same fields locally (every owner unless <c>--owner</c>) and through the API (the token's user).</summary>
internal static class CrawlStatusCommands
{
    public static Command Stats(CliContext ctx)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var stats = new Command("stats", "Totals over every finished crawl: successes, failures, items, average duration") { CrawlerSetup.OwnerOption, json };
        stats.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "crawl stats", CrawlerSetup.OwnerOption) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            var s = await backend.GetCrawlStatsAsync(p.GetValue(CrawlerSetup.OwnerOption), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, s);
            else CliOutput.WriteTable(ctx.Out, ["Crawls", "Successful", "Failed", "Partial", "Success rate", "Items fetched", "Items new", "Avg duration", "Last crawl"],
                [[
                    N(s.TotalCrawls), N(s.Successful), N(s.Failed), N(s.Partial), s.SuccessRate.ToString("0.##", CultureInfo.InvariantCulture) + " %",
                    N(s.TotalItemsFetched), N(s.TotalItemsNew), CliOutput.Span(TimeSpan.FromMilliseconds(s.AvgDurationMs)), CliOutput.When(s.LastCrawlAt),
                ]]);
            return ExitCodes.Ok;
        });
        return stats;
    }

    public static Command Status(CliContext ctx)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var status = new Command("status", "Each source's status with its latest crawl") { CrawlerSetup.OwnerOption, json };
        status.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "crawl status", CrawlerSetup.OwnerOption) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            var s = await backend.GetCrawlStatusAsync(p.GetValue(CrawlerSetup.OwnerOption), ct);
            if (p.GetValue(json))
            {
                CliOutput.WriteJson(ctx.Out, s);
                return ExitCodes.Ok;
            }
            CliOutput.WriteTable(ctx.Out, ["Id", "Name", "Type", "Status", "Last crawled", "Latest crawl", "Fetched", "New", "Error"],
                s.Sources.Select(x => new[]
                {
                    N(x.Id), x.Name, x.Type, x.Status, CliOutput.When(x.LastCrawledAt),
                    x.LatestCrawl is { } l ? $"{l.Status} at {CliOutput.When(l.StartedAt)}" : null,
                    x.LatestCrawl is { } f ? N(f.ItemsFetched) : null, x.LatestCrawl is { } n ? N(n.ItemsNew) : null, x.ErrorMessage,
                }));
            ctx.Out.WriteLine($"crawl: {s.Total} source(s), {s.Active} active, {s.Error} in error");
            return ExitCodes.Ok;
        });
        return status;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
