using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Rota.Client.Models;
using Rota.Crawler.Sources;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary><c>rota source add|list|delete|show|schedule|rules|items|crawl|import-opml|export-opml</c> (docs/crawler.md): on
/// the store, or through the API with <c>--server</c> (the OPML commands stay local).</summary>
public static class SourceCommands
{
    public static Command Create(CliContext ctx)
    {
        var source = new Command("source", "Add, list, show, schedule, delete, crawl, import and export the sources the crawler polls");
        source.Subcommands.Add(Add(ctx));
        source.Subcommands.Add(List(ctx));
        source.Subcommands.Add(Delete(ctx));
        source.Subcommands.Add(SourceScheduleCommands.Show(ctx));
        source.Subcommands.Add(SourceScheduleCommands.Schedule(ctx));
        source.Subcommands.Add(SourceRulesCommands.Rules(ctx));
        source.Subcommands.Add(SourceRulesCommands.Items(ctx));
        source.Subcommands.Add(SourceCrawlCommand.Create(ctx));
        source.Subcommands.Add(SourceOpmlCommands.Import(ctx));
        source.Subcommands.Add(SourceOpmlCommands.Export(ctx));
        return source;
    }

    private static Command Add(CliContext ctx)
    {
        var input = new Argument<string>("url-or-handle") { Description = "A feed or page URL, or a handle: r/NAME, owner/repo, @user@instance, NAME.bsky.social, @handle with --kind" };
        var kind = new Option<SourceKind?>("--kind") { Description = "feed, jsonfeed, webpage, youtube, reddit, github, mastodon, bluesky, twitter (default: from the input)" };
        var name = new Option<string?>("--name") { Description = "Display name (default: the feed's title or URL)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var rules = SourceRulesCommands.RulesOption();
        var loopback = CrawlerSetup.AllowLoopbackOption();
        var add = new Command("add", "Add a source; web pages are searched for their feed") { input, kind, name, rules, CrawlerSetup.OwnerOption, loopback, json };
        add.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "source add", loopback) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            var request = new SourceRequest(p.GetValue(input)!, p.GetValue(kind) is { } k ? JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString()) : null,
                p.GetValue(name), p.GetValue(CrawlerSetup.OwnerOption), SourceRulesCommands.Read(p.GetValue(rules)));
            var result = await backend.AddSourceAsync(request, p.GetValue(loopback), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, result);
            else ctx.Out.WriteLine(result.Created
                ? $"source {result.Source.Id}: added {result.Source.Kind} '{result.Source.Name}' → {result.Source.Url}{(result.DiscoveredFrom is { } d ? $" (discovered on {d})" : "")}"
                : $"source {result.Source.Id}: already exists ('{result.Source.Name}', {result.Source.Url})");
            return ExitCodes.Ok;
        });
        return add;
    }

    private static Command List(CliContext ctx)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var status = new Option<string?>("--status") { Description = "Only sources with this status: active, error, pending, disabled" };
        var list = new Command("list", "List sources with their health") { CrawlerSetup.OwnerOption, status, json };
        list.SetAction(async (p, ct) =>
        {
            await using var backend = await ctx.OpenBackendAsync(p);
            var views = await backend.ListSourcesAsync(p.GetValue(CrawlerSetup.OwnerOption), p.GetValue(status), ct);
            if (p.GetValue(json))
            {
                CliOutput.WriteJson(ctx.Out, new { sources = views, total = views.Count, active = views.Count(v => v.Status == SourceStatus.Active), error = views.Count(v => v.Status == SourceStatus.Error) });
                return ExitCodes.Ok;
            }
            var now = ctx.Time.GetUtcNow();
            CliOutput.WriteTable(ctx.Out, ["Id", "Owner", "Name", "Kind", "Status", "Items", "Last crawled", "Next crawl", "Error"],
                views.Select(v => new[]
                {
                    v.Id.ToString(CultureInfo.InvariantCulture), v.Owner, v.Name, v.Kind, v.Status, v.ItemsTotal.ToString(CultureInfo.InvariantCulture),
                    CliOutput.Local(v.LastCrawledAt, now, ctx.LocalZone), CliOutput.Local(v.NextCrawlAt, now, ctx.LocalZone),
                    v.ErrorCode is null ? null : $"{v.ErrorCode} ×{v.ConsecutiveErrors}: {v.ErrorMessage}",
                }));
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Delete(CliContext ctx)
    {
        var id = new Argument<long>("id") { Description = "The source's id (see 'rota source list')" };
        var delete = new Command("delete", "Delete a source with its items and crawl logs") { id, CrawlerSetup.OwnerOption };
        delete.SetAction(async (p, ct) =>
        {
            if (LocalOnly.Options(ctx, p, "source delete", CrawlerSetup.OwnerOption) is { } refused) return refused;
            await using var backend = await ctx.OpenBackendAsync(p);
            await backend.DeleteSourceAsync(p.GetValue(id), p.GetValue(CrawlerSetup.OwnerOption), ct);
            ctx.Out.WriteLine($"source {p.GetValue(id)}: deleted");
            return ExitCodes.Ok;
        });
        return delete;
    }
}
