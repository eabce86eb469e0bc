using System.CommandLine;
using System.Globalization;

namespace Rota.Cli.Commands;

/// <summary><c>rota crawl logs|stats|status</c>: seed 001's crawl history, on the store or (<c>--server</c>) the caller's
/// through the API.</summary>
public static class CrawlCommands
{
    public static Command Create(CliContext ctx)
    {
        var crawl = new Command("crawl", "Inspect crawl history");
        crawl.Subcommands.Add(Logs(ctx));
        crawl.Subcommands.Add(CrawlStatusCommands.Stats(ctx));
        crawl.Subcommands.Add(CrawlStatusCommands.Status(ctx));
        return crawl;
    }

    private static Command Logs(CliContext ctx)
    {
        var source = new Option<long?>("--source") { Description = "Only this source's crawls" };
        var status = new Option<string?>("--status") { Description = "Only crawls with this status: started, success, failed, partial" };
        var limit = new Option<int>("--limit") { Description = "At most this many (default 50; the server allows 500)", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var logs = new Command("logs", "List crawl logs, newest first") { source, status, limit, CrawlerSetup.OwnerOption, json };
        logs.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "crawl logs", CrawlerSetup.OwnerOption) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            var list = await backend.ListCrawlLogsAsync(p.GetValue(CrawlerSetup.OwnerOption), p.GetValue(source), p.GetValue(status), p.GetValue(limit), ct);
            if (p.GetValue(json))
            {
                CliOutput.WriteJson(ctx.Out, list);
                return ExitCodes.Ok;
            }
            CliOutput.WriteTable(ctx.Out, ["Id", "Source", "Type", "Status", "Fetched", "New", "Duration", "Started", "Error"],
                list.Logs.Select(l => new[]
                {
                    l.Id.ToString(CultureInfo.InvariantCulture), l.SourceId?.ToString(CultureInfo.InvariantCulture), l.CrawlType, l.Status,
                    l.ItemsFetched.ToString(CultureInfo.InvariantCulture), l.ItemsNew.ToString(CultureInfo.InvariantCulture),
                    l.DurationMs is { } d ? CliOutput.Span(TimeSpan.FromMilliseconds(d)) : null, CliOutput.When(l.StartedAt), l.ErrorMessage,
                }));
            return ExitCodes.Ok;
        });
        return logs;
    }
}
