using System.CommandLine;
using Rota.Crawler.Opml;
using Rota.Crawler.Sources;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary><c>rota source add|list|crawl|import-opml|export-opml</c>, on the store directly (docs/crawler.md).</summary>
public static class SourceCommands
{
    public static Command Create(CliContext ctx)
    {
        var source = new Command("source", "Add, list, crawl, import and export the sources the crawler polls");
        source.Subcommands.Add(Add(ctx));
        source.Subcommands.Add(List(ctx));
        source.Subcommands.Add(SourceCrawlCommand.Create(ctx));
        source.Subcommands.Add(Import(ctx));
        source.Subcommands.Add(Export(ctx));
        return source;
    }

    private static Command Add(CliContext ctx)
    {
        var input = new Argument<string>("url-or-handle") { Description = "A feed or page URL, or a handle: r/NAME, owner/repo, @user@instance, NAME.bsky.social, @handle with --kind" };
        var kind = new Option<SourceKind?>("--kind") { Description = "feed, jsonfeed, webpage, youtube, reddit, github, mastodon, bluesky, twitter (default: from the input)" };
        var name = new Option<string?>("--name") { Description = "Display name (default: the feed's title or URL)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var loopback = CrawlerSetup.AllowLoopbackOption();
        var add = new Command("add", "Add a source; web pages are searched for their feed") { input, kind, name, CrawlerSetup.OwnerOption, loopback, json };
        add.SetAction(async (p, ct) =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            using var setup = new CrawlerSetup(store, ctx.Time, p.GetValue(loopback));
            var result = await setup.Registrar.AddAsync(p.GetValue(input)!, p.GetValue(kind), p.GetValue(name), p.GetValue(CrawlerSetup.OwnerOption), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, new { created = result.Created, discovered_from = result.DiscoveredFrom, source = SourceView.Of(result.Source) });
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
        list.SetAction(async p =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            var rows = await store.SourceList(new SourceListParams(p.GetValue(CrawlerSetup.OwnerOption), p.GetValue(status)));
            var views = rows.Select(SourceView.Of).ToList();
            if (p.GetValue(json))
            {
                CliOutput.WriteJson(ctx.Out, new { sources = views, total = views.Count, active = views.Count(v => v.Status == SourceStatus.Active), error = views.Count(v => v.Status == SourceStatus.Error) });
                return ExitCodes.Ok;
            }
            var now = ctx.Time.GetUtcNow();
            CliOutput.WriteTable(ctx.Out, ["Id", "Owner", "Name", "Kind", "Status", "Items", "Last crawled", "Next crawl", "Error"],
                views.Select(v => new[]
                {
                    v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Owner, v.Name, v.Kind, v.Status,
                    v.ItemsTotal.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    CliOutput.Local(v.LastCrawledAt, now, ctx.LocalZone), CliOutput.Local(v.NextCrawlAt, now, ctx.LocalZone),
                    v.ErrorCode is null ? null : $"{v.ErrorCode} ×{v.ConsecutiveErrors}: {v.ErrorMessage}",
                }));
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Import(CliContext ctx)
    {
        var file = new Argument<string>("file") { Description = "An OPML subscription list" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var import = new Command("import-opml", "Add every feed of an OPML file the owner does not have yet") { file, CrawlerSetup.OwnerOption, json };
        import.SetAction(async (p, ct) =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            using var setup = new CrawlerSetup(store, ctx.Time, false);
            await using var stream = File.OpenRead(p.GetValue(file)!);
            var result = await setup.Registrar.ImportOpmlAsync(stream, p.GetValue(CrawlerSetup.OwnerOption), ct);
            if (p.GetValue(json)) CliOutput.WriteJson(ctx.Out, new { added = result.Added, existing = result.Existing, invalid = result.Invalid });
            else
            {
                ctx.Out.WriteLine($"opml: {result.Added} added, {result.Existing} already present, {result.Invalid.Count} invalid");
                foreach (var line in result.Invalid) ctx.Out.WriteLine("  " + line);
            }
            return ExitCodes.Ok;
        });
        return import;
    }

    private static Command Export(CliContext ctx)
    {
        var file = new Argument<string?>("file") { Description = "Where to write (default: standard output)", Arity = ArgumentArity.ZeroOrOne };
        var export = new Command("export-opml", "Write the sources as an OPML 2.0 subscription list") { file, CrawlerSetup.OwnerOption };
        export.SetAction(async (p, ct) =>
        {
            await using var store = await ctx.OpenStoreAsync(p);
            using var setup = new CrawlerSetup(store, ctx.Time, false);
            var outlines = await setup.Registrar.ExportOpmlAsync(p.GetValue(CrawlerSetup.OwnerOption), ct);
            using var buffer = new MemoryStream();
            OpmlDocument.Write(buffer, outlines, "Rota sources", ctx.Time.GetUtcNow());
            if (p.GetValue(file) is { } path)
            {
                await File.WriteAllBytesAsync(path, buffer.ToArray(), ct);
                ctx.Out.WriteLine($"opml: wrote {outlines.Count} source(s) to {path}");
            }
            else ctx.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return ExitCodes.Ok;
        });
        return export;
    }
}
