using System.CommandLine;
using System.Globalization;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary><c>rota crawl logs</c>: seed 001's crawl logs, newest first.</summary>
public static class CrawlCommands
{
    public static Command Create(CliContext ctx)
    {
        var crawl = new Command("crawl", "Inspect crawl history");
        var source = new Option<long?>("--source") { Description = "Only this source's crawls" };
        var status = new Option<string?>("--status") { Description = "Only crawls with this status: started, success, failed, partial" };
        var limit = new Option<int>("--limit") { Description = "At most this many (default 50)", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var logs = new Command("logs", "List crawl logs, newest first") { source, status, limit, CrawlerSetup.OwnerOption, json };
        logs.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            var rows = await store.CrawlLogList(new CrawlLogListParams(p.GetValue(CrawlerSetup.OwnerOption), p.GetValue(source), p.GetValue(status), Limit: p.GetValue(limit)));
            if (p.GetValue(json))
            {
                CliOutput.WriteJson(ctx.Out, new { logs = rows, count = rows.Count });
                return ExitCodes.Ok;
            }
            CliOutput.WriteTable(ctx.Out, ["Id", "Source", "Type", "Status", "Fetched", "New", "Duration", "Started", "Error"],
                rows.Select(l => new[]
                {
                    l.Id.ToString(CultureInfo.InvariantCulture), l.SourceId?.ToString(CultureInfo.InvariantCulture), l.CrawlType, l.Status,
                    l.ItemsFetched.ToString(CultureInfo.InvariantCulture), l.ItemsNew.ToString(CultureInfo.InvariantCulture),
                    l.DurationMs is { } d ? CliOutput.Span(TimeSpan.FromMilliseconds(d)) : null, CliOutput.When(l.StartedAt), l.ErrorMessage,
                }));
            return ExitCodes.Ok;
        });
        crawl.Subcommands.Add(logs);
        return crawl;
    }
}
